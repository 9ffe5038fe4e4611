import Foundation
import Testing
@testable import TextDedup

/// The scanner against a plain whole-text Foundation reference, on real files and on copies
/// that differ only in case, Unicode form and white space.
@Suite struct TextScannerTests {
    /// Whole text through Foundation: drop a BOM, split on Unicode White_Space, NFD → case fold
    /// → NFC each token, join with single spaces.
    static func reference(_ text: String) -> [UInt8] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let tokens = scalars.split(whereSeparator: { $0.properties.isWhitespace }).map { token in
            String(String.UnicodeScalarView(token)).decomposedStringWithCanonicalMapping
                .folding(options: [.caseInsensitive], locale: nil)
                .precomposedStringWithCanonicalMapping
        }
        return Array(tokens.joined(separator: " ").utf8)
    }

    /// The word hashes of the reference text: runs of letters, marks, numbers and `_`.
    static func referenceWords(_ normalized: [UInt8]) -> [UInt64] {
        var words: [UInt64] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            var hasher = WordHasher()
            for byte in current { hasher.feed(byte) }
            words.append(hasher.value)
            current.removeAll()
        }
        for scalar in RealText.string(normalized).unicodeScalars {
            if WordHasher.isWord(scalar) || (scalar.isASCII && WordHasher.asciiWord(UInt8(scalar.value))) {
                current.append(contentsOf: Array(String(scalar).utf8))
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static var realFiles: [String] {
        RealText.files(under: "/usr/share/common-licenses", limit: 40) { _ in true }
            + RealText.files(under: "/usr/share/doc", limit: 300) { $0.hasSuffix("/copyright") }
    }

    @Test func matchesTheFoundationReferenceOnRealFiles() throws {
        let paths = Self.realFiles
        try #require(paths.count > 100)
        var nonASCII = 0
        for path in paths {
            let bytes = try #require(RealText.file(path))
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            if bytes.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
            let scanned = TextScanner.scan(bytes)
            #expect(scanned.normalized == Self.reference(RealText.string(bytes)), "\(path)")
            #expect(scanned.words == Self.referenceWords(scanned.normalized), "\(path)")
        }
        // The slow path must have been exercised too.
        #expect(nonASCII > 5)
    }

    @Test func matchesTheReferenceOnGermanAndFrenchManPages() throws {
        let pages = RealText.files(under: "/usr/share/man/de", limit: 12) { $0.hasSuffix(".gz") }
            + RealText.files(under: "/usr/share/man/fr", limit: 12) { $0.hasSuffix(".gz") }
        var rendered = 0
        for page in pages {
            guard let bytes = RealText.manPage(page) else { continue }
            rendered += 1
            let text = RealText.string(bytes)
            let scanned = TextScanner.scan(bytes)
            #expect(scanned.normalized == Self.reference(text), "\(page)")
            #expect(scanned.words == Self.referenceWords(scanned.normalized), "\(page)")
            // Upper case (ß becomes SS), NFD and NFC all normalise alike.
            let upper = RealText.bytes(text.uppercased())
            let decomposed = RealText.bytes(text.decomposedStringWithCanonicalMapping)
            #expect(TextScanner.normalize(upper) == scanned.normalized, "\(page) upper-cased")
            #expect(TextScanner.normalize(decomposed) == scanned.normalized, "\(page) NFD")
        }
        try #require(rendered >= 10)
    }

    @Test func tokensThatNeedFoundationAnywhereInARealText() throws {
        let gpl = RealText.string(try #require(RealText.license("GPL-3")))
        var words = gpl.components(separatedBy: " ")
        // Upper-case accents, decomposed accents, a ligature, ß, Hangul jamo that compose under
        // NFC, a leading combining mark, Greek final sigma, Kelvin sign, fullwidth letters, and
        // each glued to ASCII words and punctuation.
        let hard = ["ÉCOLE", "cafe\u{301}", "(\u{FB01}le)", "Straße,", "\u{1100}\u{1161}\u{11A8}", "\u{301}abc", "ΌΣΟΣ",
                    "\u{212A}elvin", "ＡＢＣ", "naïve—ÜBER", "x\u{0323}\u{0307}y", "\u{2126}hm", "İstanbul"]
        var random = SeededRandom(seed: 11)
        for (k, token) in hard.enumerated() {
            let at = k == 0 ? 0 : (k == 1 ? words.count : Int.random(in: 0..<words.count, using: &random))
            words.insert(token, at: at)
        }
        let text = words.joined(separator: " ")
        let scanned = TextScanner.scan(RealText.bytes(text))
        #expect(scanned.normalized == Self.reference(text))
        #expect(scanned.words == Self.referenceWords(scanned.normalized))
        // Every token alone, and glued to the start and the end of the text.
        for token in hard {
            for sample in [token, token + " the end", "the start " + token, "a" + token + "b"] {
                let result = TextScanner.scan(RealText.bytes(sample))
                #expect(result.normalized == Self.reference(sample), "\(sample)")
                #expect(result.words == Self.referenceWords(result.normalized), "\(sample)")
            }
        }
    }

    @Test func caseWhiteSpaceAndByteOrderMarkDoNotMatter() throws {
        let gpl = try #require(RealText.license("GPL-3"))
        let text = RealText.string(gpl)
        let normalized = TextScanner.normalize(gpl)
        // Reflow: every white-space run becomes another mix of ASCII and Unicode white space.
        var random = SeededRandom(seed: 7)
        let spaces = [" ", "  ", "\t", "\r\n", "\n\n", "\u{00A0}", "\u{2003}", "\u{3000}", " \u{2028} "]
        let reflowed = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            .reduce(into: "") { result, word in result += (result.isEmpty ? "" : spaces.randomElement(using: &random) ?? " ") + word }
        #expect(TextScanner.normalize(RealText.bytes(reflowed)) == normalized)
        #expect(TextScanner.normalize(RealText.bytes(text.uppercased())) == normalized)
        #expect(TextScanner.normalize([0xEF, 0xBB, 0xBF] + gpl) == normalized)
        #expect(TextScanner.normalize(RealText.bytes("\n\n  " + text + " \n\t")) == normalized)
        // Normalised text has no white space at either end and no runs of it.
        #expect(normalized.first != 0x20 && normalized.last != 0x20)
        #expect(!zip(normalized, normalized.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 })
        #expect(!normalized.contains { $0 == 0x0A || $0 == 0x09 || (0x41...0x5A).contains($0) })
    }

    @Test func differentTextsStayDifferent() throws {
        let gpl2 = try #require(RealText.license("GPL-2"))
        let gpl3 = try #require(RealText.license("GPL-3"))
        #expect(TextScanner.normalize(gpl2) != TextScanner.normalize(gpl3))
        // Punctuation is part of the exact text.
        let text = RealText.string(gpl3)
        #expect(TextScanner.normalize(RealText.bytes(text.replacingOccurrences(of: ".", with: ";"))) != TextScanner.normalize(gpl3))
    }

    @Test func bytesThatAreNotUTF8AreKept() {
        // "café" and "cafà" in Latin-1: both invalid UTF-8, still different after normalising.
        let cafe: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6C, 0xC9]
        let cafa: [UInt8] = [0x43, 0x61, 0x66, 0xE0, 0x20, 0x6F, 0x6C, 0xC9]
        #expect(TextScanner.normalize(cafe) != TextScanner.normalize(cafa))
        #expect(TextScanner.normalize(cafe) == [0x63, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6C, 0xC9])
        // Truncated and overlong sequences are kept byte for byte too.
        #expect(TextScanner.normalize([0x41, 0xE2, 0x82]) == [0x61, 0xE2, 0x82])
        #expect(TextScanner.normalize([0xC0, 0xAF, 0x42]) == [0xC0, 0xAF, 0x62])
    }

    @Test func wordsIgnorePunctuationAndMarkup() throws {
        let plain = TextScanner.scan(RealText.bytes("See the manual page for details."))
        let marked = TextScanner.scan(RealText.bytes("See *the* `manual` page -- for **details**!"))
        #expect(plain.words.count == 6)
        #expect(plain.words == marked.words)
        #expect(plain.normalized != marked.normalized)
        #expect(TextScanner.scan(RealText.bytes("... --- !!!")).words.isEmpty)
    }
}
