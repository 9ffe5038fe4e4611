import LanguageIdentification

/// The rules and measuring settings built from one set of limits: the options' own (English) or
/// one language's (``LanguageLimits/applied(to:)``), made once when the stage is built.
struct LanguageJudge: Sendable {
    /// The enabled rules with these limits.
    let rules: QualityRules
    /// How to measure with these limits (their stop words).
    let settings: MeasureSettings
    /// Appended to a failing rule's message: which language's limits judged (empty for the
    /// options' own).
    let note: String

    /// The judge of `options`' limits, for `language` (nil: the options' own limits).
    init(_ options: TextQualityOptions, language: String?) {
        rules = QualityRules(options)
        settings = MeasureSettings(stopWords: StopWords(options.stopWords), shortLineLength: options.shortLineLength,
                                   unwrapLines: options.unwrapLines, countLayoutLines: options.countLayoutLines)
        note = language.map { " (the limit for \(LanguageNames.describe($0)))" } ?? ""
    }
}
