/// Every value the rules test, measured on one text. A fraction whose denominator is zero
/// (no words, no lines) is 0.
public struct TextMeasures: Sendable, Equatable {
    /// Characters (Unicode scalars), after the byte-order mark and, for Markdown, of the prose.
    public var chars: Double = 0
    /// Words.
    public var words: Double = 0
    /// Lines, blank ones included (Python's `splitlines`).
    public var lines: Double = 0
    /// Mean word length in characters.
    public var meanWordLength: Double = 0
    /// `#` per word.
    public var hashRatio: Double = 0
    /// Ellipses per word.
    public var ellipsisRatio: Double = 0
    /// Fraction of lines starting with `•` or `-`.
    public var bulletLines: Double = 0
    /// Fraction of lines ending in `...` or `…`.
    public var ellipsisLines: Double = 0
    /// Fraction of words containing a letter.
    public var alphaWords: Double = 0
    /// Distinct stop words present.
    public var stopWords: Double = 0
    /// Fraction of non-empty lines repeating an earlier line.
    public var dupLines: Double = 0
    /// Fraction of characters in repeated lines.
    public var dupLineChars: Double = 0
    /// Fraction of paragraphs repeating an earlier paragraph.
    public var dupParagraphs: Double = 0
    /// Fraction of characters in repeated paragraphs.
    public var dupParagraphChars: Double = 0
    /// Fraction of characters covered by the most frequent 2-, 3-, 4-gram (index 0 is n = 2).
    public var topNgram: [Double] = [0, 0, 0]
    /// Fraction of characters in repeated 5- ... 10-grams (index 0 is n = 5).
    public var dupNgram: [Double] = [0, 0, 0, 0, 0, 0]
    /// FineWeb's lines: non-blank lines, unwrapped when `unwrap_lines` (see ``MeasureSettings``).
    public var fineWebLines: Double = 0
    /// Fraction of FineWeb's lines ending in terminal punctuation.
    public var terminalPunctLines: Double = 0
    /// Fraction of FineWeb's lines of `short_line_length` characters or fewer.
    public var shortLines: Double = 0
    /// Fraction of characters (newlines excluded) in repeated non-blank lines.
    public var dupLineCharsFineweb: Double = 0
    /// Newlines per word: with `unwrap_lines`, the breaks between FineWeb lines (web text puts
    /// one newline between paragraphs where plain text puts a blank line, and wrapped lines are
    /// joined); otherwise every LF, as in datatrove.
    public var newlineRatio: Double = 0

    /// Zero measures (an empty text).
    public init() {}

    /// Measures valid UTF-8 `text`; `segment` cuts runs of letters written without spaces
    /// (Chinese, Japanese, Thai) into words (see ``TextScan``); `headings` are the zero-based
    /// numbers of lines that are Markdown headings.
    init(_ text: UnsafeBufferPointer<UInt8>, _ settings: MeasureSettings, segment: Bool = false, headings: [Int] = []) {
        var scan = TextScan(text, stopWords: settings.stopWords, segment: segment)
        for line in headings where line < scan.lines.count { scan.lines[line].flags |= LineRecord.heading }
        let repetition = Repetition(scan, countLayout: settings.countLayoutLines)
        func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

        chars = Double(scan.chars)
        words = Double(scan.words)
        lines = Double(scan.lines.count)
        meanWordLength = ratio(scan.wordCharsTotal, scan.words)
        hashRatio = ratio(scan.hashes, max(scan.words, 1))
        ellipsisRatio = ratio(scan.ellipses, max(scan.words, 1))
        var bullets = 0
        var ellipsisEnds = 0
        for line in scan.lines {
            if line.has(LineRecord.bullet) { bullets += 1 }
            if line.has(LineRecord.ellipsisEnd) { ellipsisEnds += 1 }
        }
        bulletLines = ratio(bullets, scan.lines.count)
        ellipsisLines = ratio(ellipsisEnds, scan.lines.count)
        alphaWords = ratio(scan.alphaWords, scan.words)
        stopWords = Double(scan.stopWordsFound)
        dupLines = ratio(repetition.dupLines, repetition.lines)
        dupLineChars = ratio(repetition.dupLineChars, scan.chars)
        dupParagraphs = ratio(repetition.dupParagraphs, repetition.paragraphs)
        dupParagraphChars = ratio(repetition.dupParagraphChars, scan.chars)
        topNgram = repetition.topNgramChars.map { ratio($0, scan.chars) }
        dupNgram = repetition.dupNgramChars.map { ratio($0, scan.chars) }
        let fineWeb = FineWebLines(scan.lines, unwrap: settings.unwrapLines, shortLength: settings.shortLineLength)
        fineWebLines = Double(fineWeb.count)
        terminalPunctLines = ratio(fineWeb.terminal, fineWeb.count)
        shortLines = ratio(fineWeb.short, fineWeb.count)
        dupLineCharsFineweb = ratio(repetition.dupNonBlankLineChars, scan.chars - scan.newlines)
        newlineRatio = ratio(settings.unwrapLines ? max(fineWeb.count - 1, 0) : scan.newlines, max(scan.words, 1))
    }
}

/// How to measure: the parts of the options the measures depend on.
struct MeasureSettings: Sendable {
    /// Stop words for `text.stop_words`.
    let stopWords: StopWords
    /// A FineWeb line this long or shorter is short.
    let shortLineLength: Int
    /// Join hard-wrapped lines before the FineWeb line rules.
    let unwrapLines: Bool
    /// Count lines without a word in the duplicate-line rules, as datatrove does.
    let countLayoutLines: Bool
}

/// FineWeb's lines and their counts. FineWeb's rules were tuned on web text extracted one
/// paragraph, heading or list item per line; plain-text documents are hard-wrapped at 70-80
/// columns, so a paragraph of five lines has one line ending in a full stop and four that do
/// not, and most manuals fail `min_terminal_punct_lines` and `max_newline_ratio`. Unwrapping
/// joins a non-blank line to the next when it does not end in terminal punctuation and the next
/// line is not blank: a paragraph's lines become its sentences (any line ending in `.`, `!`, `?`
/// ends a FineWeb line), and a blank line always ends one. `max_newline_ratio` then counts the
/// breaks between FineWeb lines. With `unwrap_lines: false` every non-blank line is a FineWeb
/// line and every LF a newline, as in datatrove. A Markdown heading is no FineWeb line, and no
/// line is joined to one: headings are structure, neither short lines nor sentences.
struct FineWebLines {
    /// FineWeb lines.
    var count = 0
    /// Those ending in terminal punctuation.
    var terminal = 0
    /// Those of `shortLength` characters or fewer (joined lines: their lengths plus one per join).
    var short = 0

    init(_ lines: [LineRecord], unwrap: Bool, shortLength: Int) {
        var length = 0
        var open = false
        for index in lines.indices {
            let line = lines[index]
            guard line.has(LineRecord.nonBlank), !line.has(LineRecord.heading) else { continue }
            length = open ? length + 1 + Int(line.chars) : Int(line.chars)
            if unwrap, !line.has(LineRecord.terminalEnd), index + 1 < lines.count, lines[index + 1].has(LineRecord.nonBlank),
               !lines[index + 1].has(LineRecord.heading) {
                open = true
                continue
            }
            open = false
            count += 1
            if line.has(LineRecord.terminalEnd) { terminal += 1 }
            if length <= shortLength { short += 1 }
        }
    }
}
