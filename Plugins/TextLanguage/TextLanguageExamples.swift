import AssayKit

extension TextLanguageValidator {
    /// The contract examples: English prose passes; it is refused where only French is allowed.
    static let examples: [ValidatorExample] = [
        ValidatorExample("English prose", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("English where only French is allowed", .file("samples/alice/text/apache-license.txt"),
                         options: ["allowed: [fr]"], gives: ["text.language"]),
    ]
}
