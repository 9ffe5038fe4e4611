/// A writing system, told from a Unicode scalar's code point. Languages with a script of their own
/// (Greek, Hebrew, Korean, Japanese, Chinese, Hindi, Thai) are known from the script alone; the
/// others are told apart by character trigrams.
public enum Script: String, Sendable, CaseIterable, Comparable {
    /// Latin letters, with the extended ranges (Vietnamese among them).
    case latin
    /// Greek.
    case greek
    /// Cyrillic.
    case cyrillic
    /// Hebrew.
    case hebrew
    /// Arabic script (Arabic, Persian).
    case arabic
    /// Devanagari (Hindi).
    case devanagari
    /// Thai.
    case thai
    /// Hangul (Korean).
    case hangul
    /// Hiragana and katakana (Japanese).
    case kana
    /// Han characters (Chinese; Japanese when kana are present).
    case han
    /// Letters of any other script (Georgian, Tamil, IPA, fullwidth forms, ...).
    case other

    /// The language a single-language script implies, nil for scripts shared by many languages.
    public var onlyLanguage: String? {
        switch self {
        case .greek: return "el"
        case .hebrew: return "he"
        case .devanagari: return "hi"
        case .thai: return "th"
        case .hangul: return "ko"
        case .kana: return "ja"
        case .han: return "zh"
        case .latin, .cyrillic, .arabic, .other: return nil
        }
    }

    /// The script of a letter's code point (the same ranges as tools/build_language_profiles.py).
    public static func of(_ value: UInt32) -> Script {
        switch value {
        case 0..<0x250, 0x1E00..<0x1F00: return .latin
        case 0x370..<0x400, 0x1F00..<0x2000: return .greek
        case 0x400..<0x530: return .cyrillic
        case 0x590..<0x600, 0xFB1D..<0xFB50: return .hebrew
        case 0x600..<0x700, 0x750..<0x780, 0xFB50..<0xFE00, 0xFE70..<0xFF00: return .arabic
        case 0x900..<0x980: return .devanagari
        case 0xE00..<0xE80: return .thai
        case 0x1100..<0x1200, 0x3130..<0x3190, 0xAC00..<0xD7B0: return .hangul
        case 0x3040..<0x3100, 0x31F0..<0x3200, 0xFF66..<0xFFA0: return .kana
        case 0x3400..<0x4DC0, 0x4E00..<0xA000, 0xF900..<0xFB00: return .han
        default: return .other
        }
    }

    /// Orders scripts by declaration.
    public static func < (lhs: Script, rhs: Script) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The position of this case in ``allCases``.
    var ordinal: Int {
        switch self {
        case .latin: return 0
        case .greek: return 1
        case .cyrillic: return 2
        case .hebrew: return 3
        case .arabic: return 4
        case .devanagari: return 5
        case .thai: return 6
        case .hangul: return 7
        case .kana: return 8
        case .han: return 9
        case .other: return 10
        }
    }
}
