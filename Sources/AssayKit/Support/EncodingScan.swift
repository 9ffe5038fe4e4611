/// One pass over the raw bytes: is it UTF-8 (strictly: no overlong forms, no surrogates, nothing
/// above U+10FFFF), where is the first bad byte, and how many control characters are there.
///
/// A UTF-8 byte-order mark is allowed and skipped. UTF-16 is told apart from UTF-8 even when the
/// text is ASCII-only (then every other byte is NUL, which is valid UTF-8): when over a quarter of
/// the bytes at even or at odd offsets are NUL, the text is UTF-16 (or UTF-32), not UTF-8.
///
/// `text-quality` reports what it finds; the intake gate uses it to let clean UTF-8 through
/// without asking libmagic (see ``TextSniff``).
public struct EncodingScan: Sendable {
    /// Bytes of the UTF-8 byte-order mark at the start (0 or 3).
    public var bomLength = 0
    /// Offset of the first byte that is not valid UTF-8.
    public var invalidOffset: Int?
    /// The encoding the bytes look like when they are not UTF-8.
    public var guess: String?
    /// Control characters other than tab, LF and CR (and form feed when allowed): C0, DEL and C1.
    public var controlCount = 0
    /// Offset and code point of the first such control character.
    public var firstControl: (offset: Int, scalar: UInt32)?

    /// Whether the bytes are UTF-8.
    public var isUTF8: Bool { invalidOffset == nil && guess == nil }

    /// Scans `bytes`; `allowFormFeed` keeps U+000C out of the control count.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, allowFormFeed: Bool) {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return }
        if n >= 2, (base[0] == 0xFF && base[1] == 0xFE) || (base[0] == 0xFE && base[1] == 0xFF) {
            invalidOffset = 0
            guess = base[0] == 0xFF ? "UTF-16LE (byte-order mark FF FE)" : "UTF-16BE (byte-order mark FE FF)"
            return
        }
        if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { bomLength = 3 }
        let raw = UnsafeRawPointer(base)
        var nulEven = 0
        var nulOdd = 0
        var i = bomLength
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var slowEnd = 0  // bytes before this offset are checked one at a time
        while i < n {
            // Fast path: eight ASCII bytes with no byte below 0x20 and no DEL.
            if i >= slowEnd {
                if i + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if word & high == 0 {
                        let below20 = (word &- ones &* 0x20) & ~word & high
                        let notDel = word ^ (ones &* 0x7F)
                        let del = (notDel &- ones) & ~notDel & high
                        if below20 == 0 && del == 0 {
                            i += 8
                            continue
                        }
                    }
                }
                slowEnd = i + 8
            }
            let byte = base[i]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F {
                    if byte == 0 {
                        if i & 1 == 0 { nulEven += 1 } else { nulOdd += 1 }
                    }
                    let allowed = byte == 0x09 || byte == 0x0A || byte == 0x0D || (allowFormFeed && byte == 0x0C)
                    if !allowed { noteControl(at: i, scalar: UInt32(byte)) }
                }
                i += 1
                continue
            }
            let length = EncodingScan.sequenceLength(base, i, n)
            if length == 0 {
                invalidOffset = i
                // Keep counting NULs so UTF-16 with a stray odd byte is still named UTF-16.
                for j in i..<n where base[j] == 0 {
                    if j & 1 == 0 { nulEven += 1 } else { nulOdd += 1 }
                }
                break
            }
            if byte == 0xC2, base[i + 1] < 0xA0 {  // U+0080...U+009F: C1 controls
                noteControl(at: i, scalar: UInt32(base[i + 1]))
            }
            i += length
        }
        let half = (n - bomLength) / 2
        if half > 0, max(nulEven, nulOdd) * 4 > half {
            guess = nulOdd > nulEven ? "UTF-16LE or UTF-32LE (every other byte is NUL)" : "UTF-16BE or UTF-32BE (every other byte is NUL)"
            if invalidOffset == nil { invalidOffset = firstControl?.offset ?? 0 }
        } else if invalidOffset != nil {
            guess = "Latin-1 or another 8-bit encoding"
        }
    }

    private mutating func noteControl(at offset: Int, scalar: UInt32) {
        controlCount += 1
        if firstControl == nil { firstControl = (offset, scalar) }
    }

    /// The length of the valid UTF-8 sequence starting at `i` (a non-ASCII lead byte), or 0;
    /// `p` holds `n` bytes.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let lead = p[i]
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && p[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && p[i + 1] <= 0x9F && cont(2) ? 3 : 0  // no UTF-16 surrogates
        case 0xE1...0xEC, 0xEE, 0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && p[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && p[i + 1] <= 0x8F && cont(2) && cont(3) ? 4 : 0
        default:
            return 0  // continuation byte, overlong lead C0/C1, or F5...FF
        }
    }
}
