import AssayKit

/// Every reason code `text-quality` gives. Codes are a public contract: never rename one.
public enum TextQualityReasons {
    /// Not UTF-8.
    public static let encoding = ReasonCode(
        "text.encoding",
        meaning: "The file is not valid UTF-8 (a UTF-8 byte-order mark is fine; UTF-16, UTF-32 and Latin-1 are not UTF-8); the value is the offset of the first bad byte.",
        hint: "Convert the file to UTF-8, for example with `iconv -f LATIN1 -t UTF-8` or `iconv -f UTF-16 -t UTF-8`.")
    /// Control characters.
    public static let controlChars = ReasonCode(
        "text.control_chars",
        meaning: "The text holds NUL or other control characters (C0 other than tab, LF and CR; DEL; C1); the value is their count.",
        hint: "Remove the control characters (for example `tr -d '\\000-\\010\\013\\014\\016-\\037\\177'`); they usually mean binary data or terminal escapes.")
    /// Word count outside the range.
    public static let wordCount = ReasonCode(
        "text.word_count",
        meaning: "Gopher quality: the text has fewer words than min_words or more than max_words (punctuation-only tokens are not words).",
        hint: "Submit a complete document of a reasonable length; split very long ones.")
    /// Mean word length outside the range.
    public static let meanWordLength = ReasonCode(
        "text.mean_word_length",
        meaning: "Gopher quality: the mean word length in characters is below min_mean_word_length or above max_mean_word_length.",
        hint: "Text made of very short or very long tokens (tables of numbers, hashes, base64, URLs) is not prose; submit running text.")
    /// Too many `#`.
    public static let hashRatio = ReasonCode(
        "text.hash_ratio",
        meaning: "Gopher quality: more '#' characters per word than max_hash_ratio.",
        hint: "Remove hashtag lists, comment banners or markup; for Markdown use a .md file so headings are read as headings.")
    /// Too many ellipses.
    public static let ellipsisRatio = ReasonCode(
        "text.ellipsis_ratio",
        meaning: "Gopher quality: more ellipses ('...' or '…') per word than max_ellipsis_ratio.",
        hint: "Submit the full text rather than truncated snippets.")
    /// Too many bullet lines.
    public static let bulletLines = ReasonCode(
        "text.bullet_lines",
        meaning: "Gopher quality: a larger fraction of lines than max_bullet_lines starts with a bullet ('•' or '-').",
        hint: "A bare list is not prose; add the sentences that explain it, or submit Markdown (.md) so list markers are not counted.")
    /// Too many lines ending in an ellipsis.
    public static let ellipsisLines = ReasonCode(
        "text.ellipsis_lines",
        meaning: "Gopher quality: a larger fraction of lines than max_ellipsis_lines ends in an ellipsis.",
        hint: "Submit the full text rather than truncated lines.")
    /// Too few words with a letter.
    public static let alphaWords = ReasonCode(
        "text.alpha_words",
        meaning: "Gopher quality: a smaller fraction of words than min_alpha_words contains a letter.",
        hint: "Text that is mostly numbers or symbols is data, not prose; submit it elsewhere.")
    /// Too few stop words.
    public static let stopWords = ReasonCode(
        "text.stop_words",
        meaning: "Gopher quality: fewer distinct stop words (the, be, to, of, and, that, have, with by default) than min_stop_words.",
        hint: "Submit running English text; word lists and keyword dumps have no stop words.")
    /// Repeated lines.
    public static let dupLines = ReasonCode(
        "text.repeated_lines",
        meaning: "Gopher repetition: a larger fraction of non-empty lines than max_repeated_lines repeats an earlier line.",
        hint: "Remove repeated lines (boilerplate, navigation, copied blocks).",
        aliases: ["text.dup_lines"])
    /// Characters in repeated lines.
    public static let dupLineChars = ReasonCode(
        "text.repeated_line_chars",
        meaning: "Gopher repetition: repeated lines hold a larger fraction of the characters than max_repeated_line_chars.",
        hint: "Remove repeated lines (boilerplate, navigation, copied blocks).",
        aliases: ["text.dup_line_chars"])
    /// Repeated paragraphs.
    public static let dupParagraphs = ReasonCode(
        "text.repeated_paragraphs",
        meaning: "Gopher repetition: a larger fraction of paragraphs than max_repeated_paragraphs repeats an earlier paragraph.",
        hint: "Remove repeated paragraphs.",
        aliases: ["text.dup_paragraphs"])
    /// Characters in repeated paragraphs.
    public static let dupParagraphChars = ReasonCode(
        "text.repeated_paragraph_chars",
        meaning: "Gopher repetition: repeated paragraphs hold a larger fraction of the characters than max_repeated_paragraph_chars.",
        hint: "Remove repeated paragraphs.",
        aliases: ["text.dup_paragraph_chars"])
    /// One n-gram dominates.
    public static let topNgram = ReasonCode(
        "text.top_ngram",
        meaning: "Gopher repetition: the most frequent word 2-, 3- or 4-gram covers a larger fraction of the characters than max_top_2gram, max_top_3gram or max_top_4gram; the message names n.",
        hint: "The text keeps repeating one phrase; remove the repetition.")
    /// Repeated long n-grams.
    public static let dupNgram = ReasonCode(
        "text.repeated_ngram",
        meaning: "Gopher repetition: repeated word n-grams (n = 5 to 10) hold a larger fraction of the characters than max_repeated_5gram ... max_repeated_10gram; the message names n.",
        hint: "Whole passages are repeated; remove the copies.",
        aliases: ["text.dup_ngram"])
    /// Too few lines end in terminal punctuation.
    public static let terminalPunctLines = ReasonCode(
        "text.terminal_punct_lines",
        meaning: "FineWeb: a smaller fraction of non-blank lines than min_terminal_punct_lines ends in terminal punctuation (. ! ? and their Unicode kin).",
        hint: "Text without sentences (menus, lists, tables, code) is not prose; submit running text.")
    /// Too many short lines.
    public static let shortLines = ReasonCode(
        "text.short_lines",
        meaning: "FineWeb: a larger fraction of non-blank lines than max_short_lines has short_line_length characters or fewer.",
        hint: "Join hard-wrapped fragments into paragraphs, or submit running text rather than lists.")
    /// FineWeb duplicate line characters.
    public static let dupLineCharsFineweb = ReasonCode(
        "text.repeated_line_chars_fineweb",
        meaning: "FineWeb: repeated non-blank lines hold a larger fraction of the characters (newlines excluded) than max_repeated_line_chars_fineweb (off by default).",
        hint: "Remove repeated lines.",
        aliases: ["text.dup_line_chars_fineweb"])
    /// Too many newlines per word.
    public static let newlineRatio = ReasonCode(
        "text.newline_ratio",
        meaning: "FineWeb: more newlines per word than max_newline_ratio (the text is mostly short lines or a list).",
        hint: "Join hard-wrapped fragments into paragraphs; a list of single words is not prose.")
    /// The quality score is below min_score.
    public static let lowScore = ReasonCode(
        "text.low_score",
        meaning: "The quality score (text.score: the mean over the enabled rules of 0.5 plus half the relative margin to each limit, clamped to 0...1) is below min_score.",
        hint: "Look at the metrics closest to their limits; improving any of them raises the score.")

    /// Every code, in the order the checks run.
    public static let all: [ReasonCode] = [
        encoding, controlChars, wordCount, meanWordLength, hashRatio, ellipsisRatio, bulletLines, ellipsisLines,
        alphaWords, stopWords, dupLines, dupLineChars, dupParagraphs, dupParagraphChars, topNgram, dupNgram,
        terminalPunctLines, shortLines, dupLineCharsFineweb, newlineRatio, lowScore,
    ]
}
