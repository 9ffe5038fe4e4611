import AssayCore
import AssayTestSupport
import Foundation
import Testing
import LanguageIdentification
import TextLanguage

/// text-language on real text the profiles were not built from (Fixtures/, held out by
/// tools/build_language_profiles.py) and on real files of the machine.
@Suite struct TextLanguageTests {
    static let fixtures = Locations.packageRoot + "/Tests/TextLanguageTests/Fixtures"
    let identifier = LanguageIdentifier()

    static var fixtureLanguages: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    func text(_ language: String) throws -> String {
        try String(contentsOfFile: Self.fixtures + "/\(language).txt", encoding: .utf8)
    }

    func input(_ text: String, path: String = "alice/text/t.txt") -> FileInput {
        let bytes = Array(text.utf8)
        let submission = Submission(root: "/", path: path, absolutePath: "/nowhere/" + path, contributor: "alice", modalityName: "text",
                                    submittedAt: 0, bytes: Int64(bytes.count))
        return FileInput(submission: submission, bytes: bytes, sha256: ContentHash.sha256(bytes), mime: "text/plain")
    }

    func validator(_ configure: (inout TextLanguageOptions) -> Void) throws -> TextLanguageValidator {
        var options = TextLanguageOptions()
        configure(&options)
        return try TextLanguageValidator(options: options)
    }

    @Test func everyLanguageHasAHeldOutText() {
        #expect(Self.fixtureLanguages == LanguageIdentifier.languages, "one fixture per language the identifier answers")
        #expect(LanguageIdentifier.languages.count == 38)
    }

    @Test(arguments: fixtureLanguages)
    func heldOutTextIsRecognised(language: String) throws {
        let guess = identifier.guess(Array(try text(language).utf8))
        #expect(guess.language == language, "ranked: \(guess.ranked.prefix(3).map { "\($0.language) \($0.probability)" })")
        #expect(guess.confidence > 0.8)
    }

    /// Every held-out paragraph (250-700 letters) alone: the measured accuracy, not a single sample.
    @Test func heldOutParagraphsAreRecognised() throws {
        var total = 0
        var misses: [String] = []
        for language in Self.fixtureLanguages {
            for paragraph in try text(language).components(separatedBy: "\n\n") where !paragraph.isEmpty {
                total += 1
                let guess = identifier.guess(Array(paragraph.utf8)).language
                if guess != language { misses.append("\(language)→\(guess)") }
            }
        }
        #expect(total >= 80)
        #expect(misses.count * 50 <= total, "at most 2% wrong; missed: \(misses)")
    }

    @Test func scriptsAndTheirShare() throws {
        let japanese = identifier.guess(Array(try text("ja").utf8))
        #expect(japanese.script == .kana, "kanji between kana is Japanese")
        let chinese = identifier.guess(Array(try text("zh").utf8))
        #expect(chinese.script == .han)
        let mixed = identifier.guess(Array((try text("ru") + "\n" + text("en")).utf8))
        #expect(mixed.scriptShare < 0.8, "two scripts share the letters")
        #expect(mixed.confidence <= mixed.scriptShare + 1e-9, "a language cannot be likelier than its script")
        let none = identifier.guess(Array("1234 5678 -- 42 % ()\n".utf8))
        #expect(none.script == nil && none.language == "und" && none.letters == 0)
    }

    @Test func aRealLicenceIsEnglish() throws {
        for licence in ["GPL-3", "Apache-2.0", "MPL-2.0"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/" + licence)))
            let guess = identifier.guess(bytes)
            #expect(guess.language == "en" && guess.confidence > 0.99, "\(licence): \(guess.ranked.prefix(2).map(\.language))")
        }
    }

    @Test func aHugeFileIsReadInWindowsOnScalarBoundaries() throws {
        // Cyrillic is two bytes a letter: a window that started mid-letter would read garbage.
        let paragraph = try text("uk")
        var big = ""
        while big.utf8.count < 3_000_000 { big += paragraph + "\n" + String(repeating: "ї", count: big.utf8.count % 7) }
        let guess = identifier.guess(Array(big.utf8))
        #expect(guess.language == "uk")
        #expect(guess.letters < 300_000, "only the windows are read (\(guess.letters) letters)")
    }

    @Test func measuresWithoutAnAllowedList() throws {
        let finding = try validator { _ in }.analyze(input(try text("fr")))
        #expect(finding.reasons.isEmpty)
        #expect((finding.metrics["text.language_confidence"] ?? 0) > 0.9)
        #expect((finding.metrics["text.script_share"] ?? 0) > 0.95)
    }

    @Test func rejectsALanguageOutsideTheList() throws {
        let english = try validator { $0.allowed = ["en"] }
        #expect(try english.analyze(input(try text("en"))).reasons.isEmpty)
        let finding = try english.analyze(input(try text("de")))
        let reason = try #require(finding.reasons.first)
        #expect(reason.code == "text.language")
        #expect(reason.stage == "text-language")
        #expect(reason.value == .text("de") && reason.limit == .text("en"))
        #expect(reason.message.contains("German (de)") && reason.message.contains("allowed: English (en)"), "\(reason.message)")
    }

    @Test func closeLanguagesBothAllowedPassTogether() throws {
        // Bokmål and Danish are close; a datanet taking both must not reject either for the other.
        let nordic = try validator { $0.allowed = ["da", "nb"] }
        for language in ["da", "nb"] {
            for paragraph in try text(language).components(separatedBy: "\n\n") where !paragraph.isEmpty {
                let short = String(paragraph.prefix(90))
                #expect(try nordic.analyze(input(short)).reasons.isEmpty, "\(short)")
            }
        }
    }

    @Test func uncertainWhenNoLanguageReachesTheConfidence() throws {
        let strict = try validator {
            $0.allowed = ["en"]
            $0.minConfidence = 0.99
        }
        // One short line each of three close languages: no single one is 99% likely.
        let mix = try ["da", "nb", "sv"].map { String(try text($0).prefix(60)) }.joined(separator: " ")
        let reason = try #require(try strict.analyze(input(mix)).reasons.first)
        #expect(reason.code == "text.language_uncertain", "\(reason.message)")
        #expect(reason.message.contains("best guesses"))
        #expect(reason.limit == .number(0.99))
    }

    @Test func scriptsListRejectsOtherScripts() throws {
        let latinOnly = try validator { $0.scripts = ["latin"] }
        let reason = try #require(try latinOnly.analyze(input(try text("ru"))).reasons.first)
        #expect(reason.code == "text.script")
        #expect(reason.value == .text("cyrillic"))
        #expect(try latinOnly.analyze(input(try text("vi"))).reasons.isEmpty)
    }

    @Test func shortTextsAreNotJudged() throws {
        let english = try validator { $0.allowed = ["en"] }
        let finding = try english.analyze(input("Guten Tag, Welt!"))
        #expect(finding.reasons.isEmpty && finding.metrics.isEmpty, "fewer than min_letters letters")
        let eager = try validator {
            $0.allowed = ["en"]
            $0.minLetters = 5
        }
        #expect(try eager.analyze(input("Der Hund und die Katze schlafen im Garten unter dem Baum.")).reasons.first?.code == "text.language")
    }

    @Test func optionsAreCheckedWhenTheConfigLoads() throws {
        let loader = ConfigLoader(registry: ValidatorRegistry([TextLanguageValidator.self]))
        let config = try loader.load(yaml: "version: 1\nmodalities: {text: {}}\npipeline:\n  - use: text-language\n    with: { allowed: [en, de], min_confidence: 0.7 }\n", file: "a.yml")
        #expect(config.pipeline.first?.options.first { $0.key == "allowed" }?.value == .strings(["en", "de"]))
        #expect(throws: ConfigError.self) {
            _ = try loader.load(yaml: "version: 1\nmodalities: {text: {}}\npipeline:\n  - use: text-language\n    with: { allowed: [english] }\n", file: "a.yml")
        }
        do {
            _ = try loader.load(yaml: "version: 1\nmodalities: {text: {}}\npipeline:\n  - use: text-language\n    with: { scripts: [cyrilic] }\n", file: "a.yml")
            Issue.record("a misspelt script loads")
        } catch {
            #expect(error.description.contains("did you mean 'cyrillic'"), "\(error.description)")
        }
    }
}
