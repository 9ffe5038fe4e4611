import Foundation

/// Guesses the script and the language of UTF-8 text from character trigram profiles
/// (LanguageProfiles.swift, built by docs/tools/build_language_profiles.py from real text).
///
/// Within a script shared by several languages, each language's log-likelihood of the text's
/// trigrams is turned into a probability as if the text had at most ``evidenceCap`` trigrams,
/// because trigrams of real text are far from independent; with that cap the probabilities are
/// roughly calibrated on held-out text (of guesses given 0.8-0.9, about 86% are right).
public struct LanguageIdentifier: Sendable {
    /// Trigrams of evidence the posterior counts at most.
    static let evidenceCap = 15.0
    private let model: TrigramModel

    /// An identifier over the built-in profiles.
    public init() {
        model = TrigramModel.shared
    }

    /// Every language code the identifier can answer, by script.
    public static var languages: [String] {
        let profiled = LanguageProfiles.table.map(\.language)   // without parsing the profiles
        let scriptOnly = Script.allCases.compactMap(\.onlyLanguage)
        return (profiled + scriptOnly).sorted()
    }

    /// Guesses the text in `bytes`.
    public func guess(_ bytes: [UInt8]) -> LanguageGuess {
        // One pass counts the letters of each script and the Latin trigrams, the most common
        // case; text in another shared script is read again for its own.
        var scan = LetterScan()
        let latin = model.count { scan.count(bytes, trigramsOf: .latin, $0) }
        var letters = scan.letters
        let total = letters.values.reduce(0, +)
        // Japanese writes Han characters between kana: a text with enough kana is Japanese.
        if let kana = letters[.kana], let han = letters[.han], kana * 10 >= kana + han {
            letters[.kana] = kana + han
            letters[.han] = nil
        }
        guard total > 0, let (script, count) = letters.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else {
            return LanguageGuess(script: nil, letters: 0, scriptShare: 0, ranked: [], scriptLetters: letters)
        }
        let share = Double(count) / Double(total)
        if let only = script.onlyLanguage {
            return LanguageGuess(script: script, letters: total, scriptShare: share, ranked: [(only, share)], scriptLetters: letters)
        }
        let counted = script == .latin ? latin : model.count { LetterScan.trigrams(of: bytes, script: script, $0) }
        let (totals, trigrams) = model.totals(counted, script: script)
        guard trigrams > 0, let best = totals.max(), let block = model.blocks[script] else {
            return LanguageGuess(script: script, letters: total, scriptShare: share, ranked: [], scriptLetters: letters)
        }
        let scale = min(Double(trigrams), Self.evidenceCap) / Double(trigrams)
        let weights = totals.map { exp(($0 - best) * scale) }
        let sum = weights.reduce(0, +)
        var ranked: [(language: String, probability: Double)] = []
        for (column, weight) in zip(block, weights) {
            let probability: Double = share * weight / sum
            ranked.append((model.languages[column], probability))
        }
        ranked.sort { lhs, rhs in
            lhs.probability != rhs.probability ? lhs.probability > rhs.probability : lhs.language < rhs.language
        }
        return LanguageGuess(script: script, letters: total, scriptShare: share, ranked: ranked, scriptLetters: letters)
    }
}
