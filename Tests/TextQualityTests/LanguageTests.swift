import AssayCore
import AssayTestSupport
import Foundation
import Testing
import TextQuality

/// One administration guide in its translations (Debian Reference, debian-reference-* installed by
/// .ci/install-deps), cut into ~3 KB documents as Benchmarks/languages.sh cuts it: text-quality
/// judges each language by its own limits, so the translations pass about as often as English.
@Suite struct LanguageTests {
    /// The guide's languages as its packages name them.
    static let languages = ["en", "fr", "de", "es", "it", "ja", "pt", "zh-cn"]

    /// The documents of one language: the plain-text edition cut at blank lines once a document
    /// reaches 3,000 bytes.
    static func documents(_ language: String) throws -> [String] {
        let text = try RealText.gunzip("/usr/share/debian-reference/debian-reference.\(language).txt.gz")
        var documents: [String] = []
        var current: [Substring] = []
        var size = 0
        for paragraph in text.components(separatedBy: "\n\n").map({ Substring($0) }) where !paragraph.allSatisfy(\.isWhitespace) {
            current.append(paragraph)
            size += paragraph.utf8.count + 2
            if size >= 3000 {
                documents.append(current.joined(separator: "\n\n") + "\n")
                current = []
                size = 0
            }
        }
        if !current.isEmpty { documents.append(current.joined(separator: "\n\n") + "\n") }
        return documents
    }

    /// The share of `documents` text-quality accepts with `options`.
    static func accepted(_ documents: [String], _ options: TextQualityOptions = TextQualityOptions()) throws -> Double {
        let stage = try TextQuality(options: options)
        let passed = documents.filter { RealText.judge(stage, $0).reasons.isEmpty }.count
        return Double(passed) / Double(max(1, documents.count))
    }

    @Test("every translation is accepted within 5 points of English", arguments: languages.dropFirst())
    func translationsPassLikeEnglish(language: String) throws {
        let english = try Self.accepted(Self.documents("en"))
        let translated = try Self.documents(language)
        #expect(translated.count > 150, "\(language): \(translated.count) documents")
        let share = try Self.accepted(translated)
        #expect(share >= english - 0.05, "\(language): \(share) accepted, English \(english)")
    }

    @Test("without language limits English stop words reject most of the German guide")
    func englishLimitsRejectGerman() throws {
        var options = TextQualityOptions()
        options.languageLimits = false
        let german = try Self.documents("de")
        #expect(try Self.accepted(german, options) < 0.5)
        let stage = try TextQuality(options: options)
        let codes = german.prefix(40).flatMap { RealText.judge(stage, $0).reasons.map(\.code) }
        #expect(codes.filter { $0 == "text.stop_words" }.count > 20, "\(codes)")
    }

    @Test("a French document judged by French limits says so when it fails")
    func failingRuleNamesItsLanguage() throws {
        var options = TextQualityOptions()
        options.minWords = 100_000  // every document fails the word count; the language rules are still French
        options.maxWords = nil
        options.minMeanWordLength = 8
        let stage = try TextQuality(options: options)
        let finding = RealText.judge(stage, try Self.documents("fr")[40])
        let messages = finding.reasons.map(\.message)
        // A limit the curator set applies to every language as set: 8, not French's 2.
        #expect(messages.contains { $0.contains("below the minimum 8 (the limit for French (fr))") }, "\(messages)")
        #expect(messages.contains { $0.contains("the word count") && $0.contains("(the limit for French (fr))") }, "\(messages)")
    }

    @Test("Chinese and Japanese are cut into words by ICU, not at spaces", arguments: ["zh-cn", "ja"])
    func unspacedTextIsSegmented(language: String) throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let documents = try Self.documents(language)
        let lengths = documents.prefix(60).map { RealText.judge(stage, $0).metrics["text.mean_word_length"] ?? 0 }
        let mean = lengths.reduce(0, +) / Double(lengths.count)
        // Space-separated "words" of these texts are whole clauses (mean length well above 10).
        #expect(mean > 1.2 && mean < 4, "\(language): mean word length \(mean)")
        let words = documents.prefix(60).map { RealText.judge(stage, $0).metrics["text.words"] ?? 0 }
        let spaced = documents.prefix(60).map { Double($0.split(whereSeparator: \.isWhitespace).count) }
        #expect(zip(words, spaced).filter { $0 > $1 }.count > 50, "segmented words outnumber space-separated tokens")
    }

    @Test("a whole Chinese guide without one space or line break is segmented in bounded pieces")
    func oneHugeTokenIsSegmented() throws {
        let text = try RealText.gunzip("/usr/share/debian-reference/debian-reference.zh-cn.txt.gz")
        let joined = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        #expect(joined.utf8.count > 300_000)
        let stage = try TextQuality(options: TextQualityOptions())
        let whole = RealText.judge(stage, joined)
        let words = whole.metrics["text.words"] ?? 0
        let length = whole.metrics["text.mean_word_length"] ?? 0
        #expect(words > 50_000 && length > 1 && length < 4, "\(words) words of mean length \(length)")
    }

    /// Held-out real text of each language text-language knows (its test fixtures: translated
    /// manual pages and message catalogues), each judged with the limits of its own language.
    @Test("every language's own stop words are found in real text of that language")
    func stopWordsOfEveryLanguage() throws {
        let folder = Locations.packageRoot + "/Tests/TextLanguageTests/Fixtures"
        let stage = try TextQuality(options: TextQualityOptions())
        var english = TextQualityOptions()
        english.languageLimits = false
        let englishStage = try TextQuality(options: english)
        var found: [String: Double] = [:]
        var foundByEnglish: [String: Double] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".txt") }).sorted() {
            let text = try RealText.text(folder + "/" + file)
            found[String(file.dropLast(4))] = RealText.judge(stage, text).metrics["text.stop_words"] ?? 0
            foundByEnglish[String(file.dropLast(4))] = RealText.judge(englishStage, text).metrics["text.stop_words"] ?? 0
        }
        #expect(found.count == 38)
        let missing = found.filter { $0.value < 2 }.keys.sorted()
        #expect(missing.isEmpty, "languages whose own stop words are missing from their text: \(missing)")
        // With English limits only English (and texts that quote it) find them.
        #expect(foundByEnglish.filter { $0.value >= 2 }.count < 8, "\(foundByEnglish)")
    }

    @Test("English keeps its limits: the junk and repetition rules of the GPL copies are unchanged")
    func englishUnchanged() throws {
        var off = TextQualityOptions()
        off.languageLimits = false
        let on = try TextQuality(options: TextQualityOptions())
        let english = try TextQuality(options: off)
        func same(_ a: Finding, _ b: Finding) -> Bool {
            a.metrics == b.metrics && a.reasons.map(\.code) == b.reasons.map(\.code) && a.reasons.map(\.message) == b.reasons.map(\.message)
        }
        for document in try Self.documents("en").prefix(80) {
            #expect(same(RealText.judge(on, document), RealText.judge(english, document)))
        }
        let gpl = try RealText.gpl3()
        let repeated = String(repeating: gpl.prefix(1200) + "\n\n", count: 6)
        #expect(same(RealText.judge(on, repeated), RealText.judge(english, repeated)))
        #expect(!RealText.judge(on, repeated).reasons.isEmpty)
    }
}
