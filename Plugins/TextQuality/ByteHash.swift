/// A fast 64-bit hash of byte ranges (wyhash-style multiply-fold), used only to recognise equal
/// lines, paragraphs and words inside one document. Not cryptographic; a collision (about 2^-64
/// per pair) could at worst count two different lines as one.
enum ByteHash {
    static let k0: UInt64 = 0xa076_1d64_78bd_642f
    static let k1: UInt64 = 0xe703_7ed1_a0b4_28db

    /// Folds the 128-bit product of `a` and `b` into 64 bits.
    @inline(__always)
    static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Hashes `count` bytes at `start`.
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h = k0 ^ (UInt64(truncatingIfNeeded: count) &* k1)
        var i = 0
        let raw = UnsafeRawPointer(start)
        while i + 8 <= count {
            h = mum(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), k1)
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(start[i]) << shift
                shift += 8
                i += 1
            }
            h = mum(h ^ tail, k1)
        }
        return mum(h, k0 ^ 0x5555_5555_5555_5555)
    }

    /// The hash `hash(_:_:)` gives for `count` (at most 8) bytes packed little-endian in `packed`.
    @inline(__always)
    static func hashPacked(_ packed: UInt64, _ count: Int) -> UInt64 {
        var h = k0 ^ (UInt64(truncatingIfNeeded: count) &* k1)
        if count > 0 { h = mum(h ^ packed, k1) }
        return mum(h, k0 ^ 0x5555_5555_5555_5555)
    }

    /// Hashes `count` bytes with ASCII letters folded to lower case (stop-word matching).
    static func hashLowercased(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { buffer in
            for i in 0..<count {
                let byte = start[i]
                buffer[i] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            guard let base = buffer.baseAddress else { return 0 }
            return hash(base, count)
        }
    }

    /// Combines an accumulated hash with the next element (paragraph hashes from line hashes).
    @inline(__always)
    static func combine(_ accumulated: UInt64, _ next: UInt64) -> UInt64 {
        mum(accumulated ^ next, k1) ^ next
    }

    /// A final mix for hashes built arithmetically (rolling n-gram hashes) before table lookup.
    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var x = value ^ (value >> 31)
        x &*= 0xbf58_476d_1ce4_e5b9
        return x ^ (x >> 29)
    }

}
