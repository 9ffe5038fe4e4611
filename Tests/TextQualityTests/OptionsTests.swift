import AssayCore
import Testing
import TextQuality

/// Options: datatrove's defaults, strict parsing from assay.yml, contradictions refused, and
/// the declared reason codes.
@Suite struct OptionsTests {
    let loader = ConfigLoader(registry: ValidatorRegistry([TextQuality.self]))

    func stage(_ with: String) throws(ConfigError) -> Stage? {
        try loader.load(yaml: "version: 1\npipeline:\n  - use: text-quality\n    with: \(with)\nmodalities: {text: {}}\n", file: "assay.yml").pipeline.first
    }

    @Test("defaults are datatrove 0.10.1's GopherQualityFilter, GopherRepetitionFilter and FineWebQualityFilter")
    func datatroveDefaults() {
        let o = TextQualityOptions()
        #expect(o.minWords == 50 && o.maxWords == 100_000)
        #expect(o.minMeanWordLength == 3 && o.maxMeanWordLength == 10)
        #expect(o.maxHashRatio == 0.1 && o.maxEllipsisRatio == 0.1)
        #expect(o.maxBulletLines == 0.9 && o.maxEllipsisLines == 0.3 && o.minAlphaWords == 0.8)
        #expect(o.minStopWords == 2 && o.stopWords == ["the", "be", "to", "of", "and", "that", "have", "with"])
        #expect(o.maxDupLines == 0.3 && o.maxDupLineChars == 0.2 && o.maxDupParagraphs == 0.3 && o.maxDupParagraphChars == 0.2)
        #expect([o.maxTop2gram, o.maxTop3gram, o.maxTop4gram] == [0.20, 0.18, 0.16])
        #expect([o.maxDup5gram, o.maxDup6gram, o.maxDup7gram, o.maxDup8gram, o.maxDup9gram, o.maxDup10gram] == [0.15, 0.14, 0.13, 0.12, 0.11, 0.10])
        #expect(o.minTerminalPunctLines == 0.12 && o.maxShortLines == 0.67 && o.shortLineLength == 30 && o.maxNewlineRatio == 0.3)
        #expect(o.maxDupLineCharsFineweb == nil && o.minScore == nil)
        #expect(o.maxControlChars == 0 && !o.allowFormFeed && o.markdown == "auto")
    }

    @Test("every option has a unique name and help; the FineWeb duplicate rule says why it is off")
    func fields() {
        let fields = TextQualityOptions.fields
        #expect(Set(fields.map(\.name)).count == fields.count)
        #expect(fields.allSatisfy { !$0.help.isEmpty })
        let fineWeb = fields.first { $0.name == "max_repeated_line_chars_fineweb" }
        #expect(fineWeb?.defaultValue == .null)
        #expect(fineWeb?.help.contains("Off") == true)
        #expect(TextQuality.optionDescriptions.count == fields.count)
    }

    @Test("a with: block sets options, null switches a rule off")
    func parse() throws {
        let parsed = try #require(try stage("{min_words: 100, max_top_2gram: null, max_dup_line_chars_fineweb: 0.01, unwrap_lines: false}"))
        let options = Dictionary(uniqueKeysWithValues: parsed.options.map { ($0.key, $0.value) })
        #expect(options["min_words"] == .integer(100))
        #expect(options["max_top_2gram"] == .null)
        #expect(options["max_repeated_line_chars_fineweb"] == .number(0.01), "the former name still works")
        #expect(parsed.warnings == ["assay.yml:4:49: warning: option 'max_dup_line_chars_fineweb' of text-quality is now 'max_repeated_line_chars_fineweb'; the old name works until the next version"])
        #expect(options["unwrap_lines"] == .boolean(false))
        let validator = try #require(parsed.validator as? TextQuality)
        #expect(validator.options.minWords == 100 && validator.options.maxTop2gram == nil)
    }

    @Test("unknown keys, wrong types, out-of-range values and contradictions are located errors")
    func errors() {
        func error(_ with: String) -> ConfigError? {
            #expect(throws: ConfigError.self) { try stage(with) }
        }
        #expect(error("{min_word: 100}")?.suggestion == "min_words")
        #expect(error("{min_words: 1.5}")?.line == 4)
        #expect(error("{max_dup_lines: 1.5}")?.message.contains("between 0 and 1") == true)
        #expect(error("{markdown: sometimes}") != nil)
        #expect(error("{min_words: 200, max_words: 100}")?.message.contains("min_words") == true)
        #expect(error("{min_mean_word_length: 12}")?.message.contains("max_mean_word_length") == true)
        #expect(error("{min_stop_words: 3, stop_words: [the, of]}")?.message.contains("min_stop_words") == true)
        #expect(error("{stop_words: [the, 'of the']}")?.message.contains("single words") == true)
    }

    @Test("reason codes are text.*, unique, and each has a meaning and a hint")
    func reasonCodes() {
        let codes = TextQuality.reasonCodes
        #expect(Set(codes.map(\.code)).count == codes.count)
        #expect(codes.allSatisfy { $0.code.hasPrefix("text.") && !$0.meaning.isEmpty && !$0.hint.isEmpty })
        #expect(TextQuality.name == "text-quality" && TextQuality.modalities == [.text])
    }
}
