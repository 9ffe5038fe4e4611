/// One language's limits for the rules whose right value depends on the language: its stop words,
/// its word lengths, how often its lines end in terminal punctuation, its words per line and how
/// much its word runs repeat. The values are FineWeb-2's per-language filter settings (Penedo et
/// al. 2025, github.com/huggingface/fineweb-2 `configs/`, Apache-2.0), written into
/// ``table`` by docs/tools/build_language_limits.py; English has none: its limits are the
/// options' shipped defaults (datatrove's Gopher and FineWeb values). A change to the table
/// changes findings: it bumps text-quality's version.
struct LanguageLimits: Sendable {
    /// FineWeb-2's configuration the values come from (`fra_Latn`).
    let source: String
    /// Stop words for `min_stop_words` (at most 64).
    let stopWords: [String]
    /// Shortest mean word length, in characters.
    let minMeanWordLength: Double
    /// Longest mean word length, in characters.
    let maxMeanWordLength: Double
    /// Smallest share of words with a letter.
    let minAlphaWords: Double
    /// Smallest share of lines ending in terminal punctuation.
    let minTerminalPunctLines: Double
    /// Most newlines per word.
    let maxNewlineRatio: Double
    /// Largest share of lines repeating an earlier line.
    let maxDupLines: Double
    /// Largest share of characters in the most frequent word 2-, 3- and 4-gram.
    let maxTopNgram: [Double]
    /// Largest share of characters in repeated word 5- ... 10-grams.
    let maxDupNgram: [Double]

    /// The limits of `language` (an identifier's code), nil for English and unknown languages.
    static func of(_ language: String) -> LanguageLimits? {
        table[language]
    }

    /// `options` with each language-dependent limit that is still at its shipped default
    /// replaced by this language's: a limit the curator set applies to every language as set.
    func applied(to options: TextQualityOptions) -> TextQualityOptions {
        let shipped = TextQualityOptions()
        var out = options
        func pick<T: Equatable>(_ path: WritableKeyPath<TextQualityOptions, T?>, _ value: T) {
            if options[keyPath: path] == shipped[keyPath: path], options[keyPath: path] != nil { out[keyPath: path] = value }
        }
        if options.stopWords == shipped.stopWords { out.stopWords = stopWords }
        pick(\.minMeanWordLength, minMeanWordLength)
        pick(\.maxMeanWordLength, maxMeanWordLength)
        pick(\.minAlphaWords, minAlphaWords)
        pick(\.minTerminalPunctLines, minTerminalPunctLines)
        pick(\.maxNewlineRatio, maxNewlineRatio)
        pick(\.maxDupLines, maxDupLines)
        pick(\.maxTop2gram, maxTopNgram[0])
        pick(\.maxTop3gram, maxTopNgram[1])
        pick(\.maxTop4gram, maxTopNgram[2])
        pick(\.maxDup5gram, maxDupNgram[0])
        pick(\.maxDup6gram, maxDupNgram[1])
        pick(\.maxDup7gram, maxDupNgram[2])
        pick(\.maxDup8gram, maxDupNgram[3])
        pick(\.maxDup9gram, maxDupNgram[4])
        pick(\.maxDup10gram, maxDupNgram[5])
        return out
    }
}
