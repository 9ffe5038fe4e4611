/// Byte and scalar classes for the text scan. ASCII is classified with bit tests; only
/// non-ASCII scalars are decoded and looked up in the Unicode properties.
enum UnicodeClass {
    /// Python's string.punctuation as a 128-bit set: bits 0-63 in `punctLow`, 64-127 in `punctHigh`.
    static let punctLow: UInt64 = 0xFC00_FFFE_0000_0000  // ! " # $ % & ' ( ) * + , - . / : ; < = > ?
    static let punctHigh: UInt64 = 0x7800_0001_F800_0001  // @ [ \ ] ^ _ ` { | } ~

    /// ASCII white space: tab, LF, VT, FF, CR, space.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }

    /// ASCII letter.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// ASCII letter or digit.
    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 }

    /// ASCII punctuation or symbol (Python's string.punctuation).
    @inline(__always)
    static func isPunct(_ byte: UInt8) -> Bool {
        byte < 64 ? (punctLow >> UInt64(byte)) & 1 != 0 : byte < 128 && (punctHigh >> UInt64(byte - 64)) & 1 != 0
    }

    /// Decodes the scalar whose lead byte is at `i` (the text is valid UTF-8) and its length.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(p[i])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// The offset of the lead byte of the scalar that ends just before `end`.
    @inline(__always)
    static func previousLead(_ p: UnsafePointer<UInt8>, before end: Int) -> Int {
        var i = end - 1
        while i > 0, p[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// Non-ASCII white space (what Python's str.split() splits on).
    @inline(__always)
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A letter (Python's isalpha): common scripts by range, the rest by the Alphabetic property.
    @inline(__always)
    static func isLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x388...0x3F5, 0x400...0x481, 0x48A...0x52F, 0x3041...0x3096, 0x30A1...0x30FA,
             0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return true
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x206F, 0x2190...0x2BFF:
            return false
        default:
            return Unicode.Scalar(scalar)?.properties.isAlphabetic ?? false
        }
    }

    /// Punctuation or a symbol (general categories P* and S*): trimmed from word edges.
    @inline(__always)
    static func isPunctuation(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isPunct(UInt8(scalar)) }
        // Fast answers for the common blocks; the property lookup is slow (resilient stdlib calls).
        switch scalar {
        case 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x23FF, 0x2500...0x2775, 0x2794...0x27BF, 0x3001...0x3003, 0x3008...0x3011,
             0xA1, 0xA7, 0xAB, 0xB6, 0xB7, 0xBB, 0xBF, 0xA2...0xA6, 0xA9, 0xAE, 0xB0, 0xB1, 0xD7, 0xF7:
            return true
        case 0xAA, 0xB5, 0xBA, 0xC0...0x24F, 0x388...0x3F5, 0x400...0x481, 0x483...0x52F, 0x3041...0x3096, 0x30A1...0x30FA,
             0x4E00...0x9FFF, 0xAC00...0xD7A3:
            return false
        default:
            break
        }
        guard let value = Unicode.Scalar(scalar) else { return false }
        switch value.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// A closing quote or bracket (or Markdown emphasis) that may follow a sentence's end.
    @inline(__always)
    static func isClosing(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2A, 0x5F, 0x60, 0x2019, 0x201D, 0xBB, 0x203A, 0x300D, 0x300F, 0xFF09: return true
        default: return false
        }
    }

    /// FineWeb's terminal punctuation: . ! ? and datatrove's TERMINAL_PUNCTUATION set.
    @inline(__always)
    static func isTerminal(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x2E || scalar == 0x21 || scalar == 0x3F }
        var low = 0
        var high = terminalScalars.count
        while low < high {
            let mid = (low + high) / 2
            if terminalScalars[mid] < scalar { low = mid + 1 } else { high = mid }
        }
        return low < terminalScalars.count && terminalScalars[low] == scalar
    }

    /// datatrove 0.10.1 TERMINAL_PUNCTUATION, non-ASCII members, sorted.
    static let terminalScalars: [UInt32] = [
        0x589, 0x61D, 0x61E, 0x61F, 0x6D4, 0x700, 0x701, 0x702, 0x7F9, 0x837,
        0x839, 0x83D, 0x83E, 0x964, 0x965, 0x104A, 0x104B, 0x1362, 0x1367, 0x1368,
        0x166E, 0x1735, 0x1736, 0x17D4, 0x17D5, 0x17D6, 0x17D9, 0x17DA, 0x1803, 0x1809,
        0x1944, 0x1945, 0x1AA8, 0x1AA9, 0x1AAA, 0x1AAB, 0x1B5A, 0x1B5B, 0x1B5E, 0x1B5F,
        0x1B7D, 0x1B7E, 0x1C3B, 0x1C3C, 0x1C7E, 0x1C7F, 0x203C, 0x203D, 0x2047, 0x2048,
        0x2049, 0x2E2E, 0x2E3C, 0x2E53, 0x2E54, 0x3002, 0xA4FF, 0xA60E, 0xA60F, 0xA6F3,
        0xA6F7, 0xA876, 0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA9C8, 0xA9C9, 0xAA5D, 0xAA5E,
        0xAA5F, 0xAAF0, 0xAAF1, 0xABEB, 0xFE52, 0xFE56, 0xFE57, 0xFF01, 0xFF0E, 0xFF1F,
        0xFF61, 0x10A56, 0x10A57, 0x10F55, 0x10F56, 0x10F57, 0x10F58, 0x10F59, 0x10F86, 0x10F87,
        0x10F88, 0x10F89, 0x11047, 0x11048, 0x110BE, 0x110BF, 0x110C0, 0x110C1, 0x11141, 0x11142,
        0x11143, 0x111C5, 0x111C6, 0x111CD, 0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C,
        0x112A9, 0x1144B, 0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115CA, 0x115CB, 0x115CC, 0x115CD,
        0x115CE, 0x115CF, 0x115D0, 0x115D1, 0x115D2, 0x115D3, 0x115D4, 0x115D5, 0x115D6, 0x115D7,
        0x11641, 0x11642, 0x1173C, 0x1173D, 0x1173E, 0x11944, 0x11946, 0x11A42, 0x11A43, 0x11A9B,
        0x11A9C, 0x11C41, 0x11C42, 0x11EF7, 0x11EF8, 0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5,
        0x16B37, 0x16B38, 0x16B44, 0x16E98, 0x1BC9F, 0x1DA88,
    ]
}
