import AssayKit

extension ExternalValidator {
    /// The contract examples, with the sample plugin samples/plugins/pii_screen.py.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a clean text through the sample plugin", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: pii", "command: [python3, samples/plugins/pii_screen.py]", "modalities: [text]"]),
        ValidatorExample("a program that exits at once", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: gone", "command: [/bin/true]", "modalities: [text]"], gives: ["external.crash"]),
    ]
}
