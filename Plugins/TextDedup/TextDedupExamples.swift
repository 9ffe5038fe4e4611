import AssayKit

extension TextDedup {
    /// The contract examples: a new text is unique; the same text again is an exact copy.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a text seen for the first time", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("the same text again", .file("samples/alice/text/apache-license.txt"),
                         earlier: [.file("samples/alice/text/apache-license.txt")], gives: ["text.dup_exact"]),
        ValidatorExample("the licence lower-cased with spaces squeezed", .file("samples/alice/text/apache-license-copy.txt"),
                         earlier: [.file("samples/alice/text/apache-license.txt")], gives: ["text.dup_exact"]),
    ]
}
