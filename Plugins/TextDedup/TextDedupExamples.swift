import AssayKit

extension TextDedup {
    /// The contract examples: a new text is unique; the same text again is an exact copy, also
    /// re-cased and re-spaced; the next version of a licence is a near copy of the one before,
    /// while two licences that share clauses are not.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a text seen for the first time", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("the same text again", .file("samples/alice/text/apache-license.txt"),
                         earlier: [.file("samples/alice/text/apache-license.txt")], gives: ["text.dup_exact"]),
        ValidatorExample("the licence lower-cased with spaces squeezed", .file("samples/alice/text/apache-license-copy.txt"),
                         earlier: [.file("samples/alice/text/apache-license.txt")], gives: ["text.dup_exact"]),
        ValidatorExample("GFDL 1.3 after GFDL 1.2 (5-gram Jaccard similarity 0.85)", .file("samples/dave/text/6-gfdl-1.3.txt"),
                         earlier: [.file("Tests/Corpora/examples/text-dedup/gfdl-1.2.txt")], gives: ["text.dup_near"]),
        ValidatorExample("LGPL 2.1 after GPL 2, which share clauses (similarity 0.31)", .file("samples/dave/text/4-lgpl-2.1.txt"),
                         earlier: [.file("samples/dave/text/3-gpl-2.txt")], doesNotGive: ["text.dup_exact", "text.dup_near"]),
    ]
}
