import AssayKit

/// The enabled heuristic rules, built once from the options, in the order they are checked.
struct QualityRules: Sendable {
    /// Enabled rules only; a `null` limit leaves its rule out.
    let rules: [QualityRule]

    /// Builds the rules `options` enables.
    init(_ options: TextQualityOptions) {
        typealias R = TextQualityReasons
        var rules: [QualityRule] = []
        func add(_ code: ReasonCode, _ metric: String, _ label: String, _ limit: Double?, _ bound: QualityRule.Bound,
                 _ value: @escaping @Sendable (TextMeasures) -> Double) {
            guard let limit else { return }
            rules.append(QualityRule(code: code, metric: metric, label: label, value: value, limit: limit, bound: bound))
        }
        add(R.wordCount, "text.words", "the word count", options.minWords.map(Double.init), .minimum) { $0.words }
        add(R.wordCount, "text.words", "the word count", options.maxWords.map(Double.init), .maximum) { $0.words }
        add(R.meanWordLength, "text.mean_word_length", "the mean word length", options.minMeanWordLength, .minimum) { $0.meanWordLength }
        add(R.meanWordLength, "text.mean_word_length", "the mean word length", options.maxMeanWordLength, .maximum) { $0.meanWordLength }
        add(R.hashRatio, "text.hash_ratio", "the number of '#' per word", options.maxHashRatio, .maximum) { $0.hashRatio }
        add(R.ellipsisRatio, "text.ellipsis_ratio", "the number of ellipses per word", options.maxEllipsisRatio, .maximum) { $0.ellipsisRatio }
        add(R.bulletLines, "text.bullet_lines", "the fraction of lines starting with a bullet", options.maxBulletLines, .maximum) { $0.bulletLines }
        add(R.ellipsisLines, "text.ellipsis_lines", "the fraction of lines ending in an ellipsis", options.maxEllipsisLines, .maximum) { $0.ellipsisLines }
        add(R.alphaWords, "text.alpha_words", "the fraction of words with a letter", options.minAlphaWords, .minimum) { $0.alphaWords }
        add(R.stopWords, "text.stop_words", "the number of distinct stop words", options.minStopWords.map(Double.init), .minimum) { $0.stopWords }
        add(R.dupLines, "text.dup_lines", "the fraction of repeated lines", options.maxDupLines, .maximum) { $0.dupLines }
        add(R.dupLineChars, "text.dup_line_chars", "the fraction of characters in repeated lines", options.maxDupLineChars, .maximum) { $0.dupLineChars }
        add(R.dupParagraphs, "text.dup_paragraphs", "the fraction of repeated paragraphs", options.maxDupParagraphs, .maximum) { $0.dupParagraphs }
        add(R.dupParagraphChars, "text.dup_paragraph_chars", "the fraction of characters in repeated paragraphs",
            options.maxDupParagraphChars, .maximum) { $0.dupParagraphChars }
        let top = [options.maxTop2gram, options.maxTop3gram, options.maxTop4gram]
        for (index, limit) in top.enumerated() {
            let n = index + 2
            add(R.topNgram, "text.top_\(n)gram", "the share of the text taken by its most repeated \(Self.wordRun(n))", limit, .maximum) {
                $0.topNgram[index]
            }
        }
        let dup = [options.maxDup5gram, options.maxDup6gram, options.maxDup7gram, options.maxDup8gram, options.maxDup9gram, options.maxDup10gram]
        for (index, limit) in dup.enumerated() {
            let n = index + 5
            add(R.dupNgram, "text.dup_\(n)gram", "the share of the text in runs of \(n) words that occur more than once", limit, .maximum) { $0.dupNgram[index] }
        }
        add(R.terminalPunctLines, "text.terminal_punct_lines", "the fraction of lines ending in terminal punctuation",
            options.minTerminalPunctLines, .minimum) { $0.terminalPunctLines }
        add(R.shortLines, "text.short_lines", "the fraction of lines of \(options.shortLineLength) characters or fewer",
            options.maxShortLines, .maximum) { $0.shortLines }
        add(R.dupLineCharsFineweb, "text.dup_line_chars_fineweb", "the fraction of characters in repeated lines (FineWeb)",
            options.maxDupLineCharsFineweb, .maximum) { $0.dupLineCharsFineweb }
        add(R.newlineRatio, "text.newline_ratio", "the number of newlines per word", options.maxNewlineRatio, .maximum) { $0.newlineRatio }
        self.rules = rules
    }

    /// "pair of words", "run of 3 words": an n-gram in plain words.
    static func wordRun(_ n: Int) -> String {
        n == 2 ? "pair of words" : "run of \(n) words"
    }

    /// The reasons `measures` fails (each message ending in `note`) and the quality score: the
    /// mean of the rules' scores (1 when no rule is enabled).
    func evaluate(_ measures: TextMeasures, stage: String, note: String = "") -> (reasons: [Reason], score: Double) {
        var reasons: [Reason] = []
        var total = 0.0
        for rule in rules {
            let value = rule.value(measures)
            if !rule.passes(value) { reasons.append(rule.reason(stage: stage, value, note: note)) }
            total += rule.score(value)
        }
        return (reasons, rules.isEmpty ? 1 : total / Double(rules.count))
    }

    /// Every metric of `measures`, named `text.*`, whether or not its rule is enabled.
    static func metrics(_ m: TextMeasures) -> [String: Double] {
        var metrics: [String: Double] = [
            "text.chars": m.chars, "text.words": m.words, "text.lines": m.lines,
            "text.mean_word_length": m.meanWordLength, "text.hash_ratio": m.hashRatio, "text.ellipsis_ratio": m.ellipsisRatio,
            "text.bullet_lines": m.bulletLines, "text.ellipsis_lines": m.ellipsisLines, "text.alpha_words": m.alphaWords,
            "text.stop_words": m.stopWords, "text.dup_lines": m.dupLines, "text.dup_line_chars": m.dupLineChars,
            "text.dup_paragraphs": m.dupParagraphs, "text.dup_paragraph_chars": m.dupParagraphChars,
            "text.fineweb_lines": m.fineWebLines, "text.terminal_punct_lines": m.terminalPunctLines, "text.short_lines": m.shortLines,
            "text.dup_line_chars_fineweb": m.dupLineCharsFineweb, "text.newline_ratio": m.newlineRatio,
        ]
        for (index, value) in m.topNgram.enumerated() { metrics["text.top_\(index + 2)gram"] = value }
        for (index, value) in m.dupNgram.enumerated() { metrics["text.dup_\(index + 5)gram"] = value }
        return metrics
    }
}
