/// The letters of a text, read from its UTF-8 bytes without building a `String`: how many of each
/// script, and the character trigrams of one script (lower-case letters, one space for anything
/// else), as tools/build_language_profiles.py makes them for the profiles.
struct LetterScan {
    /// Letters per script, by ``Script`` case order.
    private var counts = [Int](repeating: 0, count: Script.allCases.count)

    /// Letters per script (scripts with none left out).
    var letters: [Script: Int] {
        var out: [Script: Int] = [:]
        for (script, count) in zip(Script.allCases, counts) where count > 0 { out[script] = count }
        return out
    }

    /// At most this many bytes are read, in evenly spaced windows, so huge files cost no more than
    /// a quarter megabyte of text (the guess is settled long before).
    static let windowBytes = 64 * 1024
    static let windows = 4

    /// The parts of `bytes` that are read: the whole text, or `windows` evenly spaced windows.
    static func parts(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard bytes.count > windowBytes * windows else { return [bytes[...]] }
        let step = (bytes.count - windowBytes) / (windows - 1)
        return (0..<windows).map { index in
            var start = index * step
            // Start on a scalar boundary: skip UTF-8 continuation bytes.
            while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
            return bytes[start..<min(bytes.count, index * step + windowBytes)]
        }
    }

    /// Counts the letters of every script and, in the same pass, calls `body` with each trigram
    /// key of the letters of `script` (lower-case letters; a run of anything else, letters of
    /// other scripts included, is one space; the text starts and each part ends with one).
    mutating func count(_ bytes: [UInt8], trigramsOf script: Script, _ body: (UInt64) -> Void) {
        let space: UInt32 = 0x20
        var first = space, second = space
        var filled = 1   // the text starts with a space: `second`
        func push(_ value: UInt32) {
            if filled >= 2 { body(Self.key(first, second, value)) }
            first = second
            second = value
            filled += 1
        }
        for part in Self.parts(of: bytes) {
            Self.forEachScalar(in: part) { scalar in
                if Self.isLetter(scalar) {
                    let of = Script.of(scalar.value)
                    counts[of.ordinal] += 1
                    if of == script {
                        push(Self.lower(scalar))
                        return
                    }
                }
                if second != space { push(space) }
            }
            if second != space { push(space) }
        }
    }

    /// Calls `body` with each trigram key of the letters of `script`.
    static func trigrams(of bytes: [UInt8], script: Script, _ body: (UInt64) -> Void) {
        var scan = LetterScan()
        scan.count(bytes, trigramsOf: script, body)
    }

    /// Three scalars packed in 63 bits.
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// A letter: general category L (what Python's str.isalpha tests).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// The first scalar of the full lower-case mapping.
    static func lower(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value + 0x20 : value }
        guard scalar.properties.changesWhenLowercased else { return value }
        return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? value
    }

    /// Decodes UTF-8; an invalid sequence reads as U+FFFD (not a letter).
    static func forEachScalar(in bytes: ArraySlice<UInt8>, _ body: (Unicode.Scalar) -> Void) {
        // ASCII bytes go straight through; each run of other bytes goes to the standard decoder.
        // An ASCII byte is never part of a multi-byte sequence, so a malformed sequence ends
        // where the run ends, and the run decodes (and replaces) exactly as the whole text would.
        var start = bytes.startIndex
        let end = bytes.endIndex
        while start < end {
            let byte = bytes[start]
            if byte < 0x80 {
                body(Unicode.Scalar(byte))
                start += 1
                continue
            }
            var stop = start + 1
            while stop < end, bytes[stop] >= 0x80 { stop += 1 }
            var iterator = bytes[start..<stop].makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case let .scalarValue(scalar): body(scalar)
                case .error: body("\u{FFFD}")
                case .emptyInput: break decoding
                }
            }
            start = stop
        }
    }
}
