import AssayKit

/// The options of `text-quality`. Defaults are the limits datatrove ships for its Gopher quality,
/// Gopher repetition and FineWeb filters (Rae et al. 2021, table A1; Penedo et al. 2024), except
/// that the FineWeb duplicate-line-character rule is off (see its help). Every heuristic limit
/// can be set to `null` to switch its rule off; its metric is still recorded.
public struct TextQualityOptions: ValidatorOptions, Equatable {
    /// `auto` (by `.md`/`.markdown` extension or a `text/markdown` MIME type), `always` or `never`.
    public var markdown = "auto"
    /// Control characters (other than tab, LF, CR) tolerated before `text.control_chars`.
    public var maxControlChars = 0
    /// Whether form feeds (page breaks in old plain-text files such as LGPL-2.1) are allowed.
    public var allowFormFeed = false

    /// Gopher quality: fewest words.
    public var minWords: Int? = 50
    /// Gopher quality: most words.
    public var maxWords: Int? = 100_000
    /// Gopher quality: shortest mean word length, in characters.
    public var minMeanWordLength: Double? = 3
    /// Gopher quality: longest mean word length, in characters.
    public var maxMeanWordLength: Double? = 10
    /// Gopher quality: most `#` per word.
    public var maxHashRatio: Double? = 0.1
    /// Gopher quality: most ellipses (`...` or `…`) per word.
    public var maxEllipsisRatio: Double? = 0.1
    /// Gopher quality: largest fraction of lines starting with a bullet (`•` or `-`).
    public var maxBulletLines: Double? = 0.9
    /// Gopher quality: largest fraction of lines ending in an ellipsis.
    public var maxEllipsisLines: Double? = 0.3
    /// Gopher quality: smallest fraction of words containing a letter.
    public var minAlphaWords: Double? = 0.8
    /// Gopher quality: fewest distinct stop words present.
    public var minStopWords: Int? = 2
    /// The stop words counted by `min_stop_words` (matched ignoring ASCII case); English's, see
    /// `languageLimits` for other languages.
    public var stopWords = ["the", "be", "to", "of", "and", "that", "have", "with"]

    /// Gopher repetition: largest fraction of lines that repeat an earlier line.
    public var maxDupLines: Double? = 0.3
    /// Gopher repetition: largest fraction of characters in repeated lines.
    public var maxDupLineChars: Double? = 0.2
    /// Gopher repetition: largest fraction of paragraphs that repeat an earlier paragraph.
    public var maxDupParagraphs: Double? = 0.3
    /// Gopher repetition: largest fraction of characters in repeated paragraphs.
    public var maxDupParagraphChars: Double? = 0.2
    /// Gopher repetition: largest fraction of characters covered by the most frequent word 2-gram.
    public var maxTop2gram: Double? = 0.20
    /// Gopher repetition: the same for 3-grams.
    public var maxTop3gram: Double? = 0.18
    /// Gopher repetition: the same for 4-grams.
    public var maxTop4gram: Double? = 0.16
    /// Gopher repetition: largest fraction of characters in repeated word 5-grams.
    public var maxDup5gram: Double? = 0.15
    /// Gopher repetition: the same for 6-grams.
    public var maxDup6gram: Double? = 0.14
    /// Gopher repetition: the same for 7-grams.
    public var maxDup7gram: Double? = 0.13
    /// Gopher repetition: the same for 8-grams.
    public var maxDup8gram: Double? = 0.12
    /// Gopher repetition: the same for 9-grams.
    public var maxDup9gram: Double? = 0.11
    /// Gopher repetition: the same for 10-grams.
    public var maxDup10gram: Double? = 0.10

    /// Join hard-wrapped lines before the FineWeb line rules (see `FineWebLines`).
    public var unwrapLines = true
    /// Count lines without a word (`-----`, `}`) in the duplicate-line and paragraph rules.
    public var countLayoutLines = false
    /// FineWeb: smallest fraction of non-blank lines ending in terminal punctuation.
    public var minTerminalPunctLines: Double? = 0.12
    /// FineWeb: largest fraction of non-blank lines of `short_line_length` characters or fewer.
    public var maxShortLines: Double? = 0.67
    /// FineWeb: the length, in characters, at or below which a line is short.
    public var shortLineLength = 30
    /// FineWeb: largest fraction of characters in repeated non-blank lines; off by default.
    public var maxDupLineCharsFineweb: Double? = nil
    /// FineWeb: most newlines per word.
    public var maxNewlineRatio: Double? = 0.3

    /// Smallest quality score accepted; off by default.
    public var minScore: Double? = nil

    /// Judge a text in another language than English with that language's limits (see
    /// ``LanguageLimits``) wherever a limit is still at its shipped default.
    public var languageLimits = true

    /// The shipped defaults.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<TextQualityOptions>] {
        [
            .string("markdown", \.markdown, choices: ["auto", "always", "never"],
                    help: "Measure the prose of Markdown instead of its markup: auto (.md/.markdown files or text/markdown), always, never."),
            .integer("max_control_chars", \.maxControlChars, in: 0...1_000_000_000,
                     help: "Control characters other than tab, LF and CR (NUL, ESC, DEL, C1 ...) tolerated before text.control_chars."),
            .boolean("allow_form_feed", \.allowFormFeed,
                     help: "Do not count form feeds (page breaks in old plain-text licences and manuals) as control characters."),
            .optionalInteger("min_words", \.minWords, in: 0...1_000_000_000,
                             help: "Gopher: fewest words (white-space tokens with edge punctuation trimmed; punctuation-only tokens are not words)."),
            .optionalInteger("max_words", \.maxWords, in: 1...1_000_000_000, help: "Gopher: most words."),
            .optionalNumber("min_mean_word_length", \.minMeanWordLength, in: 0...1000,
                            help: "Gopher: shortest mean word length in characters."),
            .optionalNumber("max_mean_word_length", \.maxMeanWordLength, in: 0...1000,
                            help: "Gopher: longest mean word length in characters."),
            .optionalNumber("max_hash_ratio", \.maxHashRatio, in: 0...1000, help: "Gopher: most '#' characters per word."),
            .optionalNumber("max_ellipsis_ratio", \.maxEllipsisRatio, in: 0...1000,
                            help: "Gopher: most ellipses ('...' or '…') per word."),
            .optionalNumber("max_bullet_lines", \.maxBulletLines, in: 0...1,
                            help: "Gopher: largest fraction of lines (blank ones included) starting with '•' or '-'."),
            .optionalNumber("max_ellipsis_lines", \.maxEllipsisLines, in: 0...1,
                            help: "Gopher: largest fraction of lines (blank ones included) ending in '...' or '…'."),
            .optionalNumber("min_alpha_words", \.minAlphaWords, in: 0...1,
                            help: "Gopher: smallest fraction of words containing a letter."),
            .optionalInteger("min_stop_words", \.minStopWords, in: 0...64,
                             help: "Gopher: fewest distinct stop words (from stop_words) present."),
            .strings("stop_words", \.stopWords,
                     help: "Stop words for min_stop_words, matched ignoring ASCII case (at most 64); English's by default, and with language_limits a text in another language counts its own language's unless you set this."),
            .boolean("count_layout_lines", \.countLayoutLines,
                     help: "Count lines without a word (rules, underlines, table borders, lone braces) in the duplicate-line and duplicate-paragraph rules, as datatrove does."),
            .optionalNumber("max_repeated_lines", \.maxDupLines, in: 0...1,
                            help: "Gopher: largest fraction of non-empty lines that repeat an earlier line.").formerly("max_dup_lines"),
            .optionalNumber("max_repeated_line_chars", \.maxDupLineChars, in: 0...1,
                            help: "Gopher: largest fraction of all characters inside lines that repeat an earlier line.").formerly("max_dup_line_chars"),
            .optionalNumber("max_repeated_paragraphs", \.maxDupParagraphs, in: 0...1,
                            help: "Gopher: largest fraction of paragraphs (split at empty lines) that repeat an earlier one.").formerly("max_dup_paragraphs"),
            .optionalNumber("max_repeated_paragraph_chars", \.maxDupParagraphChars, in: 0...1,
                            help: "Gopher: largest fraction of all characters inside repeated paragraphs.").formerly("max_dup_paragraph_chars"),
            .optionalNumber("max_top_2gram", \.maxTop2gram, in: 0...1,
                            help: "Gopher: largest fraction of characters covered by the most frequent word 2-gram."),
            .optionalNumber("max_top_3gram", \.maxTop3gram, in: 0...1, help: "Gopher: the same for the most frequent 3-gram."),
            .optionalNumber("max_top_4gram", \.maxTop4gram, in: 0...1, help: "Gopher: the same for the most frequent 4-gram."),
            .optionalNumber("max_repeated_5gram", \.maxDup5gram, in: 0...1,
                            help: "Gopher: largest fraction of characters inside repeated word 5-grams.").formerly("max_dup_5gram"),
            .optionalNumber("max_repeated_6gram", \.maxDup6gram, in: 0...1, help: "Gopher: the same for repeated 6-grams.").formerly("max_dup_6gram"),
            .optionalNumber("max_repeated_7gram", \.maxDup7gram, in: 0...1, help: "Gopher: the same for repeated 7-grams.").formerly("max_dup_7gram"),
            .optionalNumber("max_repeated_8gram", \.maxDup8gram, in: 0...1, help: "Gopher: the same for repeated 8-grams.").formerly("max_dup_8gram"),
            .optionalNumber("max_repeated_9gram", \.maxDup9gram, in: 0...1, help: "Gopher: the same for repeated 9-grams.").formerly("max_dup_9gram"),
            .optionalNumber("max_repeated_10gram", \.maxDup10gram, in: 0...1, help: "Gopher: the same for repeated 10-grams.").formerly("max_dup_10gram"),
            .boolean("unwrap_lines", \.unwrapLines,
                     help: "Join hard-wrapped lines (a line not ending in . ! ? followed by a non-blank line) before the FineWeb line rules, which were tuned on one paragraph per line; false measures physical lines, as datatrove does."),
            .optionalNumber("min_terminal_punct_lines", \.minTerminalPunctLines, in: 0...1,
                            help: "FineWeb: smallest fraction of lines (unwrapped, see unwrap_lines) ending in terminal punctuation (. ! ? and their Unicode kin, closing quotes and brackets allowed after them)."),
            .optionalNumber("max_short_lines", \.maxShortLines, in: 0...1,
                            help: "FineWeb: largest fraction of lines (unwrapped, see unwrap_lines) of short_line_length characters or fewer."),
            .integer("short_line_length", \.shortLineLength, in: 0...100_000,
                     help: "FineWeb: a line of this many characters or fewer is short."),
            .optionalNumber("max_repeated_line_chars_fineweb", \.maxDupLineCharsFineweb, in: 0...1,
                            help: TextQualityOptions.fineWebDupHelp).formerly("max_dup_line_chars_fineweb"),
            .optionalNumber("max_newline_ratio", \.maxNewlineRatio, in: 0...1000, help: "FineWeb: most newlines per word (with unwrap_lines: breaks between unwrapped lines, a blank-line paragraph break counting once)."),
            .optionalNumber("min_score", \.minScore, in: 0...1,
                            help: "Smallest quality score (0..1, see text.score) accepted; null accepts any score."),
            .boolean("language_limits", \.languageLimits, help: TextQualityOptions.languageLimitsHelp),
        ]
    }

    /// What `language_limits` changes, and what it leaves to the curator.
    static let languageLimitsHelp = "Judge text in another language with that language's limits: the stop words, "
        + "min/max_mean_word_length, min_alpha_words, min_terminal_punct_lines, max_newline_ratio, max_repeated_lines and the "
        + "top/repeated n-gram limits take FineWeb-2's published values for the language text-language identifies "
        + "(37 languages; at least 50 letters and probability 0.5; Chinese, Japanese or Thai when three times their letters "
        + "reach the other letters, as one of theirs is about a third of a word), wherever the option is still at its shipped default "
        + "(a limit you set applies to every language). The defaults are English's, and judge text whose language is not told. "
        + "false: every text gets these options' values. Chinese, Japanese and Thai are cut into words by ICU either way."

    /// Why the FineWeb duplicate-line-character rule ships off.
    static let fineWebDupHelp = "FineWeb: largest fraction of characters (newlines excluded) in non-blank lines that repeat an earlier line. "
        + "Off (null) by default: FineWeb's 0.01 was tuned for web pages, and documentation legitimately repeats short lines "
        + "(headings such as 'Example:', underlines, code lines); at 0.01 it rejects most real manuals. Set 0.01 to apply it."
}
