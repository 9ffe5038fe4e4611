import AssayKit
import LanguageIdentification

/// `text-quality`: is the text UTF-8 without control characters, and does it pass the published
/// heuristic quality rules (Gopher quality, Gopher repetition, FineWeb) with datatrove's limits?
///
/// Works on UTF-8 bytes in one pass plus hash-table passes over line, paragraph and word hashes;
/// no `String` is made per word or line. Every measured value goes into the finding's metrics
/// (`text.*`), whether or not its rule is enabled, so curators can see why and retune.
///
/// Quality score (`text.score`, 0...1): each enabled rule scores 0.5 at its limit plus half the
/// margin to the limit relative to the limit, clamped to 0...1 (a maximum rule scores 1 at 0 and
/// 0 at twice the limit; a minimum rule scores 1 at twice the limit and 0 at 0); the score is the
/// mean over enabled rules. A document that passes every rule scores at least 0.5. Text that is
/// not UTF-8 scores 0. `min_score` (off by default) rejects below it with `text.low_score`.
///
/// Markdown (`.md`/`.markdown` files or `text/markdown`) is measured on its prose: see
/// ``MarkdownProse`` for what is dropped and stripped.
///
/// Languages: the text's language is identified as `text-language` does (the shared
/// ``LanguageIdentifier``), and with `language_limits` the rules whose right value depends on the
/// language (stop words, word length, letters per word, line-end punctuation, newlines per word,
/// repetition) use that language's limits (``LanguageLimits``, FineWeb-2's values); the shipped
/// defaults are English's. Text in Chinese, Japanese or Thai is cut into words at ICU's word
/// boundaries rather than at spaces it does not have.
public struct TextQuality: Validator {
    /// The options type.
    public typealias Options = TextQualityOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-quality",
        summary: "UTF-8 and control characters, then the Gopher quality, Gopher repetition and FineWeb rules, with a quality score.",
        modalities: [.text],
        version: 2,
        reasonCodes: TextQualityReasons.all,
        fileExtensions: ["txt", "md", "markdown"],
        headlineMetrics: [HeadlineMetric("text.score", title: "Text quality score"), HeadlineMetric("text.words", title: "Text length (words)")],
        examples: examples
    )

    /// The effective options.
    public let options: TextQualityOptions
    /// The options' own limits: English's, and any text whose language is not told or has none.
    private let english: LanguageJudge
    /// Each other language's limits (empty when `language_limits` is off).
    private let languages: [String: LanguageJudge]
    private let identifier = LanguageIdentifier()

    /// Letters a text needs before its language picks its limits (text-language's `min_letters`).
    static let minLetters = 50
    /// Probability the identified language needs to pick its limits (text-language's `min_confidence`).
    static let minConfidence = 0.5
    /// Bytes of the measured text the identifier reads: a few hundred letters settle the language,
    /// and this keeps the second identification (text-language makes its own) cheap.
    static let identifyBytes = 2048
    /// Scripts written without spaces between words: their text is segmented by ICU.
    static let unspacedScripts: [Script] = [.kana, .han, .thai]

    /// Builds the stage; fails when limits contradict each other.
    public init(options: TextQualityOptions) throws(OptionsError) {
        guard ["auto", "always", "never"].contains(options.markdown) else {
            throw OptionsError("markdown must be auto, always or never, got '\(options.markdown)'")
        }
        if let low = options.minWords, let high = options.maxWords, low > high {
            throw OptionsError("min_words (\(low)) is above max_words (\(high))")
        }
        if let low = options.minMeanWordLength, let high = options.maxMeanWordLength, low > high {
            throw OptionsError("min_mean_word_length (\(HumanNumber.format(low))) is above max_mean_word_length (\(HumanNumber.format(high)))")
        }
        if let bad = options.stopWords.first(where: { $0.isEmpty || $0.unicodeScalars.contains(where: \.properties.isWhitespace) }) {
            throw OptionsError("stop_words must be single words, got '\(bad)'")
        }
        guard options.stopWords.count <= 64 else {
            throw OptionsError("stop_words holds \(options.stopWords.count) words; at most 64 are allowed")
        }
        let distinct = StopWords(options.stopWords).keys.count
        if let minimum = options.minStopWords, minimum > distinct {
            throw OptionsError("min_stop_words (\(minimum)) is more than the \(distinct) distinct stop_words")
        }
        self.options = options
        english = LanguageJudge(options, language: nil)
        var languages: [String: LanguageJudge] = [:]
        if options.languageLimits {
            for (code, limits) in LanguageLimits.table {
                languages[code] = LanguageJudge(limits.applied(to: options), language: code)
            }
        }
        self.languages = languages
    }

    /// Measures and judges one text file.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let markdown = options.markdown == "always" || (options.markdown == "auto" && TextQuality.looksLikeMarkdown(file))
        guard let finding = measure(file.bytes, markdown: markdown, stop: { file.budget.exceeded }) else {
            try file.budget.check()
            return Finding()
        }
        return finding
    }

    /// Measures and judges `bytes`, as Markdown prose when `markdown`.
    public func judge(_ bytes: [UInt8], markdown: Bool) -> Finding {
        measure(bytes, markdown: markdown, stop: { false }) ?? Finding()
    }

    /// The judgement, or nil when `stop` says so between phases (the stage's CPU budget is spent).
    private func measure(_ bytes: [UInt8], markdown: Bool, stop: () -> Bool) -> Finding? {
        bytes.withUnsafeBufferPointer { raw -> Finding? in
            let encoding = EncodingScan(raw, allowFormFeed: options.allowFormFeed)
            guard encoding.isUTF8 else {
                let offset = encoding.invalidOffset ?? 0
                let byte = offset < raw.count ? " (byte 0x\(String(raw[offset], radix: 16, uppercase: true)))" : ""
                let looks = encoding.guess.map { "; it looks like \($0)" } ?? ""
                let reason = Reason(TextQualityReasons.encoding, stage: stageName,
                                    message: "not valid UTF-8 at byte offset \(offset)\(byte)\(looks)", value: .number(Double(offset)))
                return Finding(reasons: [reason], metrics: ["text.score": 0, "text.markdown": markdown ? 1 : 0])
            }
            var reasons: [Reason] = []
            if encoding.controlCount > options.maxControlChars, let first = encoding.firstControl {
                let digits = String(first.scalar, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                reasons.append(Reason(TextQualityReasons.controlChars, stage: stageName,
                                      message: "\(encoding.controlCount) control characters, the first \(code) at byte offset \(first.offset)",
                                      value: .number(Double(encoding.controlCount)), limit: .number(Double(options.maxControlChars))))
            }
            let body = UnsafeBufferPointer(rebasing: raw[encoding.bomLength...])
            let measures: TextMeasures
            let judge: LanguageJudge
            if markdown {
                let prose = MarkdownProse.extractWithHeadings(body)
                if stop() { return nil }
                (measures, judge) = prose.bytes.withUnsafeBufferPointer { self.measure($0, headings: prose.headings) }
            } else {
                (measures, judge) = self.measure(body)
            }
            let (failures, score) = judge.rules.evaluate(measures, stage: stageName, note: judge.note)
            reasons += failures
            if let minimum = options.minScore, score < minimum {
                reasons.append(Reason(TextQualityReasons.lowScore, stage: stageName,
                                      message: "the quality score is \(HumanNumber.format(score)), below the minimum \(HumanNumber.format(minimum))",
                                      value: .number(score), limit: .number(minimum)))
            }
            var metrics = QualityRules.metrics(measures)
            metrics["text.score"] = score
            metrics["text.control_chars"] = Double(encoding.controlCount)
            metrics["text.markdown"] = markdown ? 1 : 0
            return Finding(reasons: reasons, metrics: metrics)
        }
    }

    /// The measures of valid UTF-8 `text` (whose lines `headings` are Markdown headings) and the judge of its language: the identified language's
    /// limits when it is told with enough letters and confidence, else the options' own; text in
    /// a script without spaces between words is segmented whatever the limits.
    private func measure(_ text: UnsafeBufferPointer<UInt8>, headings: [Int] = []) -> (TextMeasures, LanguageJudge) {
        let guess = identifier.guess(Array(UnsafeBufferPointer(rebasing: text.prefix(Self.identifyBytes))))
        let (language, segment) = Self.language(of: guess)
        let judge = language.flatMap { languages[$0] } ?? english
        return (TextMeasures(text, judge.settings, segment: segment, headings: headings), judge)
    }

    /// The language whose limits judge a text (nil: the options' own) and whether it is written
    /// without spaces between words. Words, not letters, decide: a Chinese or Japanese
    /// administration guide is full of Latin command names, and one Han or kana letter is about a
    /// third of a word where a Latin letter is a fifth, so text whose unspaced letters times
    /// ``unspacedLetterWeight`` outnumber its other letters is Chinese, Japanese or Thai even when
    /// most of its letters are Latin. Otherwise the identifier's best guess counts, when it has
    /// ``minLetters`` letters and ``minConfidence``.
    static func language(of guess: LanguageGuess) -> (language: String?, segment: Bool) {
        let letters = guess.scriptLetters
        let unspaced = unspacedScripts.map { letters[$0] ?? 0 }.reduce(0, +)
        if unspaced > 0, unspaced * unspacedLetterWeight >= guess.letters - unspaced {
            let script = unspacedScripts.max { (letters[$0] ?? 0) < (letters[$1] ?? 0) }
            return (guess.letters >= minLetters ? script?.onlyLanguage : nil, true)
        }
        guard guess.letters >= minLetters, guess.confidence >= minConfidence else { return (nil, false) }
        return (guess.language, false)
    }

    /// How many Latin (or other spaced) letters one Han, kana or Thai letter stands for, in words.
    static let unspacedLetterWeight = 3

    /// The prose `text-quality` measures in a Markdown document (see ``MarkdownProse``), for
    /// showing a contributor what was measured. `bytes` must be UTF-8 (invalid bytes give []).
    public static func markdownProse(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { raw in
            let encoding = EncodingScan(raw, allowFormFeed: true)
            guard encoding.isUTF8 else { return [] }
            return MarkdownProse.extract(UnsafeBufferPointer(rebasing: raw[encoding.bomLength...]))
        }
    }

    /// Markdown by extension (`.md`, `.markdown`, `.mdown`, `.mkd`, `.mkdn`) or sniffed MIME type.
    static func looksLikeMarkdown(_ file: FileInput) -> Bool {
        if file.mime == "text/markdown" || file.mime == "text/x-markdown" { return true }
        let path = file.submission.path
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return [".md", ".markdown", ".mdown", ".mkd", ".mkdn"].contains(path[dot...].lowercased())
    }
}
