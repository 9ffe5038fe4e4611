/// An open-addressing hash table of 64-bit keys (the keys are hashes already) with a count and
/// the first position per key, in one slot array so a probe touches one cache line. One is made
/// per document and reused for each repetition pass; it is noncopyable so its storage has one
/// owner and is freed exactly once.
struct HashCounter: ~Copyable {
    /// One slot: key 0 marks an empty slot.
    private struct Slot {
        var key: UInt64
        var count: UInt32
        var first: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var allocated: Int
    private var mask: Int
    /// The most frequent key's count and first position so far (see `count(_:at:)`).
    private(set) var best: (count: Int, first: Int) = (0, 0)

    /// A table that can hold `expected` keys without growing.
    init(expected: Int) {
        allocated = HashCounter.slotCount(for: expected)
        slots = .allocate(capacity: allocated)
        mask = allocated - 1
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0), count: allocated)
    }

    deinit {
        slots.deallocate()
    }

    /// Power-of-two slot count keeping the load at or below two thirds.
    private static func slotCount(for expected: Int) -> Int {
        var count = 16
        while count * 2 < expected * 3 { count <<= 1 }
        return count
    }

    /// Empties the table and sizes it for `expected` keys.
    mutating func reset(expected: Int) {
        let needed = HashCounter.slotCount(for: expected)
        if needed > allocated {
            slots.deallocate()
            allocated = needed
            slots = .allocate(capacity: allocated)
        }
        mask = needed - 1
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0), count: needed)
        best = (0, 0)
    }

    /// Adds `key`; true when it was not there before.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Bool {
        let k = key == 0 ? 1 : key  // 0 marks an empty slot
        var index = Int(truncatingIfNeeded: k) & mask
        while true {
            let present = slots[index].key
            if present == 0 {
                slots[index].key = k
                return true
            }
            if present == k { return false }
            index = (index &+ 1) & mask
        }
    }

    /// Counts one more occurrence of `key`, first seen at `position`, and returns its slot (for
    /// ``count(inSlot:)``). Keeps `best` the key with the highest count, ties going to the
    /// smallest first position, as Python's `Counter.most_common(1)` picks (the first inserted of
    /// the most frequent) when positions arrive in increasing order. Exact: the winner is compared
    /// when it reaches its final count, against every key that got there before.
    @inline(__always)
    mutating func count(_ key: UInt64, at position: Int) -> Int {
        let k = key == 0 ? 1 : key
        var index = Int(truncatingIfNeeded: k) & mask
        while true {
            let present = slots[index].key
            if present == 0 {
                slots[index] = Slot(key: k, count: 1, first: UInt32(truncatingIfNeeded: position))
                if best.count == 0 { best = (1, position) }
                return index
            }
            if present == k {
                slots[index].count &+= 1
                let count = Int(slots[index].count)
                let first = Int(slots[index].first)
                if count > best.count || (count == best.count && first < best.first) { best = (count, first) }
                return index
            }
            index = (index &+ 1) & mask
        }
    }

    /// The count of the key in `slot`.
    @inline(__always)
    func count(inSlot slot: Int) -> Int {
        Int(slots[slot].count)
    }
}
