/// Hashes the words of normalised text as its bytes go by, one 64-bit hash per word.
///
/// A word is a run of letters, marks, digits and `_` (what `\w+` matches), so punctuation and
/// markup between words neither make nor break a shingle. Word bytes are packed eight at a time
/// into a 64-bit block folded in with one multiply, so most words cost one finaliser.
struct WordHasher {
    private var h: UInt64 = 0
    private var block: UInt64 = 0
    /// Bytes in the current word so far.
    private(set) var length: UInt64 = 0

    /// Adds one byte of the current word.
    @inline(__always)
    mutating func feed(_ byte: UInt8) {
        block = block << 8 | UInt64(byte)
        length &+= 1
        if length & 7 == 0 {
            h = (h ^ block) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            block = 0
        }
    }

    /// The hash of the current word (meaningful when `length > 0`).
    @inline(__always)
    var value: UInt64 {
        Self.mix(h ^ block ^ (length &* 0x94D0_49BB_1331_11EB))
    }

    /// Ends the current word, if any, appending its hash (slow path: checked append).
    mutating func end(into words: inout OutputBuffer<UInt64>) {
        guard length > 0 else { return }
        words.append(value)
        self = WordHasher()
    }

    /// Hashes the words of already normalised bytes, leaving the last word open.
    mutating func feedAll(_ bytes: UnsafeBufferPointer<UInt8>, into words: inout OutputBuffer<UInt64>) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                if Self.asciiWord(byte) { feed(byte) } else { end(into: &words) }
                i += 1
                continue
            }
            let (scalar, width) = UTF8Bytes.decode(bytes, at: i)
            if let scalar, Self.isWord(scalar) {
                for k in 0..<width { feed(bytes[i + k]) }
            } else {
                end(into: &words)
            }
            i += width
        }
    }

    /// The number of words (runs of word characters) in normalised bytes.
    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var words = 0
        var inWord = false
        var i = 0
        while i < bytes.count {
            var width = 1
            let isWordByte: Bool
            if bytes[i] < 0x80 {
                isWordByte = asciiWord(bytes[i])
            } else {
                let (scalar, w) = UTF8Bytes.decode(bytes, at: i)
                width = w
                isWordByte = scalar.map(isWord) ?? false
            }
            if isWordByte, !inWord { words += 1 }
            inWord = isWordByte
            i += width
        }
        return words
    }

    /// ASCII letters, digits and `_`: one bit per byte value in two 64-bit masks.
    @inline(__always)
    static func asciiWord(_ byte: UInt8) -> Bool {
        let digits: UInt64 = 0x03FF_0000_0000_0000     // 0x30–0x39
        let letters: UInt64 = 0x07FF_FFFE_87FF_FFFE    // 0x41–0x5A, 0x5F, 0x61–0x7A
        return byte < 64 ? (digits >> UInt64(byte)) & 1 == 1 : (letters >> UInt64(byte & 63)) & 1 == 1
    }

    /// Letters, marks, numbers and connector punctuation outside ASCII.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// The 64-bit finaliser of MurmurHash3: every input bit affects every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
