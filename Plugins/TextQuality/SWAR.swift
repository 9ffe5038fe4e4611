/// Eight bytes at a time ("SIMD within a register"). Every test takes the low seven bits of
/// each byte (`heptets`, so additions never carry into the next byte) and answers in bit 7 of
/// each byte; callers mask out bytes of 0x80 and above themselves.
enum SWAR {
    /// Bit 7 of every byte.
    static let high: UInt64 = 0x8080_8080_8080_8080
    /// 1 in every byte.
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Bit 7 set in each byte whose heptet is at least `k` (k in 1...0x80).
    @inline(__always)
    static func atLeast(_ h: UInt64, _ k: UInt8) -> UInt64 {
        (h &+ ones &* UInt64(0x80 - k)) & high
    }

    /// Bit 7 set in each byte equal to `k`.
    @inline(__always)
    static func equal(_ h: UInt64, _ k: UInt8) -> UInt64 {
        atLeast(h, k) & ~atLeast(h, k + 1)
    }

    /// ASCII white space: tab, LF, VT, FF, CR (0x09...0x0D) and space.
    @inline(__always)
    static func space(_ h: UInt64) -> UInt64 {
        (atLeast(h, 0x09) & ~atLeast(h, 0x0E)) | equal(h, 0x20)
    }

    /// ASCII letters.
    @inline(__always)
    static func letters(_ h: UInt64) -> UInt64 {
        let folded = h | 0x2020_2020_2020_2020
        return atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
    }

    /// `#` and `.`.
    @inline(__always)
    static func special(_ h: UInt64) -> UInt64 {
        equal(h, 0x23) | equal(h, 0x2E)
    }

    /// Bit 7 of the first `k` bytes (k in 0...8).
    @inline(__always)
    static func first(_ k: Int) -> UInt64 {
        k >= 8 ? high : high & ((1 << UInt64(8 * k)) &- 1)
    }
}
