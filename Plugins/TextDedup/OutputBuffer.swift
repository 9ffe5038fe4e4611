/// A growable buffer the scanner's fast path writes through a pointer without capacity checks
/// (it reserves room up front), which `Array.append` cannot offer: its uniqueness and capacity
/// checks on every byte halve the speed of the copy loop.
struct OutputBuffer<Element: BitwiseCopyable>: ~Copyable {
    /// The start of the storage; valid until the next `reserve` or `append`.
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Elements in use.
    var count = 0

    /// A buffer with room for `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `total` elements in all.
    mutating func reserve(_ total: Int) {
        guard total > capacity else { return }
        let newCapacity = max(total, capacity * 2)
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Appends one element (slow path only).
    mutating func append(_ element: Element) {
        reserve(count + 1)
        base[count] = element
        count += 1
    }

    /// Appends elements (slow path only).
    mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for element in elements { append(element) }
    }

    /// The elements in use, as an array.
    consuming func finish() -> [Element] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }
}
