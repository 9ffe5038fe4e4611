import AssayKit

extension TextPII {
    /// The contract examples: documentation addresses are fine, a real-looking e-mail is not.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a licence text", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("an e-mail address", .text("Write to maria.lopez@gmail.com for the minutes of the meeting.\n"),
                         options: ["reject: [email]"], gives: ["text.pii_email"]),
    ]
}
