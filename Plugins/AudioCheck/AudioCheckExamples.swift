import AssayKit

extension AudioCheckValidator {
    /// The contract examples, from the samples and the FLAC conformance files.
    static let examples: [ValidatorExample] = [
        ValidatorExample("silence", .file("samples/carol/audio/silence.wav"), path: "carol/audio/a.wav", gives: ["audio.silence"]),
        ValidatorExample("a cut recording", .file("samples/bob/audio/weather-cut.wav"), path: "bob/audio/a.wav", gives: ["audio.truncated"]),
    ]
}
