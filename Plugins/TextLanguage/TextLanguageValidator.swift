import AssayKit
import LanguageIdentification

/// `use: text-language`: guesses a text's script and language from character trigram profiles of
/// 31 languages (plus 7 told by their script) and rejects texts outside the allowed lists.
///
/// Metrics: `text.language_confidence` (probability of the best guess) and `text.script_share`
/// (share of letters in the main script).
public struct TextLanguageValidator: Validator {
    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-language",
        summary: "Guesses the script and language of a text (character trigrams, 38 languages) and rejects those not allowed.",
        modalities: [.text],
        reasonCodes: TextLanguageReasons.all,
        examples: examples
    )

    private let options: TextLanguageOptions
    private let allowed: Set<String>
    private let scripts: Set<Script>
    private let identifier = LanguageIdentifier()

    /// Builds the stage.
    public init(options: TextLanguageOptions) throws(OptionsError) {
        self.options = options
        allowed = Set(options.allowed)
        scripts = Set(options.scripts.compactMap(Script.init(rawValue:)))
    }

    /// Guesses the language and checks it against the lists.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let guess = identifier.guess(file.bytes)
        guard guess.letters >= options.minLetters, let script = guess.script else { return Finding() }
        var finding = Finding(metrics: ["text.language_confidence": guess.confidence, "text.script_share": guess.scriptShare])
        if !scripts.isEmpty, !scripts.contains(script) {
            finding.reasons.append(Reason(
                TextLanguageReasons.script, stage: Self.name,
                message: "\(Int((guess.scriptShare * 100).rounded()))% of the letters are \(script.rawValue) script; allowed: \(list(options.scripts))",
                value: .text(script.rawValue), limit: .text(options.scripts.joined(separator: ", "))))
        }
        guard !allowed.isEmpty else { return finding }
        let inAllowed = guess.probability(of: allowed)
        if inAllowed >= options.minConfidence { return finding }
        let allowedText = options.allowed.joined(separator: ", ")
        if !allowed.contains(guess.language), guess.confidence >= options.minConfidence {
            finding.reasons.append(Reason(
                TextLanguageReasons.language, stage: Self.name,
                message: "the text is in \(LanguageNames.describe(guess.language)) (probability \(percent(guess.confidence))); allowed: \(list(options.allowed))",
                value: .text(guess.language), limit: .text(allowedText)))
        } else {
            let guesses = guess.ranked.prefix(3).map { "\($0.language) \(percent($0.probability))" }.joined(separator: ", ")
            finding.reasons.append(Reason(
                TextLanguageReasons.uncertain, stage: Self.name,
                message: "cannot tell the language with \(percent(options.minConfidence)) confidence (best guesses: \(guesses.isEmpty ? "none" : guesses)); allowed: \(list(options.allowed))",
                value: .number(inAllowed), limit: .number(options.minConfidence)))
        }
        return finding
    }

    private func list(_ codes: [String]) -> String {
        codes.map { Script(rawValue: $0) == nil ? LanguageNames.describe($0) : $0 }.joined(separator: ", ")
    }

    private func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}
