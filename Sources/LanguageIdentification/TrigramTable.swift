/// A flat open-addressing map from trigram key (``LetterScan/key(_:_:_:)``, never 0) to a 32-bit
/// value (the model's row), in two arrays: what scoring needs per trigram without `Dictionary`'s
/// per-lookup SipHash.
/// The table doubles when half full, so a probe run stays a few slots long.
struct TrigramTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// The number of keys present.
    private(set) var count = 0

    /// An empty table with room for about `expected` keys before it grows.
    init(expected: Int = 64) {
        var slots = 16
        while slots < expected * 2 { slots <<= 1 }
        keys = [UInt64](repeating: 0, count: slots)
        values = [Int32](repeating: 0, count: slots)
        mask = slots - 1
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        // Fibonacci hashing: the key's three 21-bit letters all reach the top bits.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value of `key`, or nil.
    @inline(__always)
    func value(of key: UInt64) -> Int32? {
        var index = Self.slot(of: key, mask: mask)
        while true {
            let present = keys[index]
            if present == key { return values[index] }
            if present == 0 { return nil }
            index = (index &+ 1) & mask
        }
    }

    /// Sets `key` to `value` (`key` must not be 0).
    mutating func set(_ key: UInt64, to value: Int32) {
        let index = place(key)
        values[index] = value
    }

    /// The slot holding `key`, claimed (value 0) if it was absent.
    @inline(__always)
    private mutating func place(_ key: UInt64) -> Int {
        if count * 2 >= keys.count { grow() }
        var index = Self.slot(of: key, mask: mask)
        while true {
            let present = keys[index]
            if present == key { return index }
            if present == 0 {
                keys[index] = key
                values[index] = 0
                count += 1
                return index
            }
            index = (index &+ 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.slot(of: oldKeys[index], mask: mask)
            while keys[slot] != 0 { slot = (slot &+ 1) & mask }
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}
