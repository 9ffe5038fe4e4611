/// The character sets the text stages can read, and their decoding to UTF-8. Intake takes text in
/// the character sets a config's `encodings` lists; the ones named here reach every text stage as
/// UTF-8 (the stages measure UTF-8 only), any other listed one is refused at intake with a
/// conversion command, since no stage could judge it.
///
/// Names are libmagic's (lower case). `iso-8859-1` is libmagic's name for 8-bit text without the
/// bytes 0x80-0x9F, so decoding it as Latin-1 also reads Windows-1252 text that has no curly
/// quotes; `unknown-8bit` (8-bit text with such bytes: Windows-1252, KOI8-R, CP437, ...) cannot
/// be told apart and is not decodable.
public enum TextDecoding {
    /// Character sets decoded for the text stages.
    public static let decodable: Set<String> = ["us-ascii", "utf-8", "iso-8859-1", "utf-16le", "utf-16be"]

    /// Whether text in `charset` (lower case) reaches the text stages.
    public static func canDecode(_ charset: String) -> Bool {
        decodable.contains(charset)
    }

    /// Whether `bytes` are UTF-8 with damage (some invalid bytes among more valid multi-byte
    /// sequences) rather than an 8-bit character set: real Latin-1 text has almost no byte pairs
    /// that form valid UTF-8 (`Ã©`), damaged UTF-8 has many. Such text is UTF-8 for the stages,
    /// which say where it is broken, not 8-bit text to convert.
    public static func looksLikeDamagedUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { raw -> Bool in
            guard let p = raw.baseAddress else { return false }
            let n = raw.count
            var valid = 0
            var invalid = 0
            var i = 0
            while i < n {
                if p[i] < 0x80 {
                    i += 1
                    continue
                }
                let length = EncodingScan.sequenceLength(p, i, n)
                if length == 0 {
                    invalid += 1
                    i += 1
                } else {
                    valid += 1
                    i += length
                }
            }
            return valid > invalid
        }
    }

    /// The UTF-8 of `bytes` in `charset`, or nil when `charset` is not decodable or the bytes are
    /// not valid in it (UTF-16 with a lone surrogate). UTF-8 and ASCII are returned as they are
    /// (the stages judge their validity); a UTF-16 byte-order mark is dropped.
    public static func utf8(_ bytes: [UInt8], charset: String) -> [UInt8]? {
        switch charset {
        case "us-ascii", "utf-8":
            return bytes
        case "iso-8859-1":
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 {
                    out.append(byte)
                } else {
                    out.append(0xC0 | byte >> 6)
                    out.append(0x80 | byte & 0x3F)
                }
            }
            return out
        case "utf-16le", "utf-16be":
            return utf16(bytes, littleEndian: charset == "utf-16le")
        default:
            return nil
        }
    }

    /// UTF-16 to UTF-8, nil on an odd byte count or an unpaired surrogate.
    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        if units.first == 0xFEFF { units.removeFirst() }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? nil : out
    }
}
