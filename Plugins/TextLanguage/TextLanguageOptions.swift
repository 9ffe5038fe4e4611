import AssayKit
import LanguageIdentification

/// The `with:` block of `use: text-language`.
public struct TextLanguageOptions: ValidatorOptions {
    /// Language codes a text may be in; empty: any (the stage only measures).
    public var allowed: [String] = []
    /// Scripts a text may be written in; empty: any.
    public var scripts: [String] = []
    /// The probability the verdict needs: of an allowed language to pass, of another to reject as such.
    public var minConfidence = 0.5
    /// Texts with fewer letters are not judged (too short to tell).
    public var minLetters = 50

    /// The shipped defaults: measure only.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<TextLanguageOptions>] {
        [
            allowedField,
            .strings("scripts", \.scripts, choices: Script.allCases.map(\.rawValue),
                     help: "Scripts a text may be mostly written in (empty: any); kana is Japanese, han Chinese."),
            .number("min_confidence", \.minConfidence, in: 0.05...0.99,
                    help: "Probability needed: that the text is in an allowed language to pass it, in another one to reject it as such."),
            .integer("min_letters", \.minLetters, in: 1...100_000, help: "Texts with fewer letters pass unjudged: too short to tell their language."),
        ]
    }

    /// A list of language codes; named briefly in `assay plugins`, the codes are in the help.
    private static var allowedField: OptionField<TextLanguageOptions> {
        let codes = LanguageIdentifier.languages
        let base = OptionField<TextLanguageOptions>.strings("allowed", \.allowed, choices: codes, help: "")
        return OptionField(name: base.name, typeName: "list of language codes",
                           help: "Languages a text may be in, ISO 639-1 (\(codes.joined(separator: " "))); empty: any, nothing is rejected.",
                           read: base.read) { options, node throws(ConfigError) in
            try base.apply(node, to: &options)
        }
    }
}
