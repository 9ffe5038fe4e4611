/// What the identifier makes of a text: its main script, how much of the text is in it, and the
/// languages ranked by probability.
public struct LanguageGuess: Sendable, Equatable {
    /// The script with the most letters (nil: no letters at all).
    public let script: Script?
    /// Letters in every script.
    public let letters: Int
    /// The share of letters in `script`, 0...1.
    public let scriptShare: Double
    /// Languages with their probability (already multiplied by `scriptShare`), most likely first.
    public let ranked: [(language: String, probability: Double)]
    /// Letters per script (scripts with none left out; a Japanese text's Han letters count as kana).
    public var scriptLetters: [Script: Int] = [:]

    /// The most likely language, "und" when none is known.
    public var language: String { ranked.first?.language ?? "und" }
    /// Its probability.
    public var confidence: Double { ranked.first?.probability ?? 0 }

    /// The probability that the text is in one of `languages`.
    public func probability(of languages: Set<String>) -> Double {
        ranked.filter { languages.contains($0.language) }.reduce(0) { $0 + $1.probability }
    }

    /// Compares every field.
    public static func == (lhs: LanguageGuess, rhs: LanguageGuess) -> Bool {
        lhs.script == rhs.script && lhs.letters == rhs.letters && lhs.scriptShare == rhs.scriptShare && lhs.scriptLetters == rhs.scriptLetters
            && lhs.ranked.map(\.language) == rhs.ranked.map(\.language) && lhs.ranked.map(\.probability) == rhs.ranked.map(\.probability)
    }
}
