import AssayKit

extension ExternalValidator {
    /// The contract examples, with the sample plugin samples/plugins/pii_screen.py and plugins
    /// that misbehave, written as one-line shell scripts: each answers the handshake
    /// (`{"ready": true}`), then fails on the file in its own way.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a clean text through the sample plugin", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: pii", "command: [python3, samples/plugins/pii_screen.py]", "modalities: [text]"]),
        ValidatorExample("a plugin's own reject is no failure", .text("Write to maria.lopez@gmail.com for the minutes of the meeting.\n"),
                         options: ["name: pii", "command: [python3, samples/plugins/pii_screen.py]", "modalities: [text]"],
                         doesNotGive: ["external.crash", "external.protocol", "external.timeout", "external.disabled"]),
        ValidatorExample("a program that exits at once", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: gone", "command: [/bin/true]", "modalities: [text]"], gives: ["external.crash"]),
        ValidatorExample("a plugin that answers the file with a line that is not JSON", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: chatty", #"command: [sh, -c, 'read l; echo "{\"ready\": true}"; read l; echo looks good to me']"#,
                                   "modalities: [text]"],
                         gives: ["external.protocol"]),
        ValidatorExample("a plugin that takes longer than its timeout", .file("samples/alice/text/apache-license.txt"),
                         options: ["name: slow", #"command: [sh, -c, 'read l; echo "{\"ready\": true}"; read l; sleep 10']"#,
                                   "modalities: [text]", "timeout: 200ms"],
                         gives: ["external.timeout"]),
    ]
}
