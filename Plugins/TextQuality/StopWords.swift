/// The stop words, each as a key of its lower-cased bytes (the bytes themselves packed
/// little-endian into a UInt64 when 8 bytes or shorter, else a hash), with the byte-length
/// range that can match. Matching ignores ASCII case (datatrove's is case-sensitive, so it
/// misses "The" at the start of a sentence).
struct StopWords: Sendable {
    /// One slot of the lookup table; length 0 marks a free slot.
    struct Slot: Sendable {
        var key: UInt64 = 0
        var length = 0
        var index = 0
    }

    /// One key per distinct stop word (at most 64).
    let keys: [UInt64]
    /// The byte length of each stop word.
    let lengths: [Int]
    /// Open-addressing table of the stop words of 8 bytes or fewer.
    let table: [Slot]
    /// Shortest stop word in bytes.
    let minBytes: Int
    /// Longest stop word in bytes.
    let maxBytes: Int

    /// Slots of the lookup table: a power of two, twice the most stop words.
    static let tableSize = 128

    /// Keys `words` (ASCII case folded; duplicates and empty words dropped; at most 64 kept).
    init(_ words: [String]) {
        var keys: [UInt64] = []
        var lengths: [Int] = []
        for word in words {
            let bytes = Array(word.utf8)
            let count = bytes.count
            guard count > 0 else { continue }
            let key = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { StopWords.key($0, count) } ?? 0
            }
            var known = false
            for index in 0..<keys.count where keys[index] == key && lengths[index] == count { known = true }
            if !known, keys.count < 64 {
                keys.append(key)
                lengths.append(count)
            }
        }
        var table = [Slot](repeating: Slot(), count: StopWords.tableSize)
        for index in 0..<keys.count where lengths[index] <= 8 {
            var slot = StopWords.slot(of: keys[index])
            while table[slot].length != 0 { slot = (slot + 1) & (StopWords.tableSize - 1) }
            table[slot] = Slot(key: keys[index], length: lengths[index], index: index)
        }
        self.keys = keys
        self.lengths = lengths
        self.table = table
        minBytes = lengths.min() ?? 1
        maxBytes = lengths.max() ?? 0
    }

    /// The table slot a key starts probing at.
    @inline(__always)
    static func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57)
    }

    /// The key of `count` bytes at `start`, ASCII case folded.
    static func key(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        guard count <= 8 else { return ByteHash.hashLowercased(start, count) }
        var packed: UInt64 = 0
        for k in 0..<count { packed |= UInt64(start[k]) << UInt64(8 * k) }
        return lowercased(packed)
    }

    /// Up to 8 packed bytes with ASCII capitals turned to lower case, without a loop.
    @inline(__always)
    static func lowercased(_ x: UInt64) -> UInt64 {
        let heptets = x & ~SWAR.high
        let capitals = SWAR.atLeast(heptets, 0x41) & ~SWAR.atLeast(heptets, 0x5B) & ~x
        return x | (capitals >> 2)  // bit 7 moved to bit 5: 0x20
    }

    /// The position of the word of `count` bytes at `start` among the stop words.
    func index(of start: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let key = StopWords.key(start, count)
        for k in 0..<keys.count where keys[k] == key && lengths[k] == count { return k }
        return nil
    }

    /// The position of the lower-cased, packed word of `count` (at most 8) bytes.
    @inline(__always)
    func index(ofPacked key: UInt64, _ count: Int) -> Int? {
        table.withUnsafeBufferPointer { slots in
            var slot = StopWords.slot(of: key)
            while true {
                let entry = slots[slot]
                if entry.length == 0 { return nil }
                if entry.key == key && entry.length == count { return entry.index }
                slot = (slot + 1) & (StopWords.tableSize - 1)
            }
        }
    }
}
