/// A flat multimap from 64-bit index key to document number, in two arrays with open addressing
/// (linear probing): 12 bytes a slot, at most 70% full. A key filed for several documents takes
/// one slot for each, all in the key's probe run. There is no removal: an index only grows, and a
/// run that replays from an earlier point builds a new one.
///
/// It replaced `[UInt64: [Int32]]`, which cost about 70 bytes per key (an array allocation for
/// each, though most keys name one document) for the 33 keys of every indexed text.
struct KeyMultimap {
    private var keys: [UInt64]
    /// The document in each slot; -1 marks an empty slot (so every key value can be stored).
    private var documents: [Int32]
    private var mask: Int
    /// The number of (key, document) pairs.
    private(set) var count = 0

    /// An empty map.
    init() {
        keys = [UInt64](repeating: 0, count: 64)
        documents = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        // The keys are hashes already, but some (LSH bands of short texts) differ in few bits:
        // Fibonacci hashing spreads them over the top bits.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Files `document` under `key` (once per call: callers file each key of a document once).
    mutating func insert(_ key: UInt64, document: Int32) {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        var index = Self.slot(of: key, mask: mask)
        while documents[index] >= 0 { index = (index &+ 1) & mask }
        keys[index] = key
        documents[index] = document
        count += 1
    }

    /// Calls `body` with every document filed under `key`, in no particular order.
    func forEachDocument(filedUnder key: UInt64, _ body: (Int32) -> Void) {
        var index = Self.slot(of: key, mask: mask)
        while true {
            let document = documents[index]
            if document < 0 { return }
            if keys[index] == key { body(document) }
            index = (index &+ 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldDocuments = documents
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        documents = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldDocuments[index] >= 0 {
            var slot = Self.slot(of: oldKeys[index], mask: mask)
            while documents[slot] >= 0 { slot = (slot &+ 1) & mask }
            keys[slot] = oldKeys[index]
            documents[slot] = oldDocuments[index]
        }
    }
}
