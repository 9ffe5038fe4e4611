import AssayKit

extension TextQuality {
    /// The contract examples: real prose passes, a one-liner and repeated spam do not.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a licence's prose is clean", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("a four-word text is too short", .text("Buy cheap pills now.\n"), gives: ["text.word_count"]),
        ValidatorExample("bytes that are not UTF-8", .bytes([0x48, 0x69, 0xFF, 0xFE, 0x20, 0x21]), gives: ["text.encoding"]),
    ]
}
