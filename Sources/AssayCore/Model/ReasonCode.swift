/// A stable, documented reason code (`png.crc`, `text.dup_near`, `quota.daily_files`).
///
/// Codes are a public contract: each is listed in docs/reasons.md with its meaning and its fix,
/// and a test fails when a declared code is missing there.
public struct ReasonCode: Sendable, Hashable {
    /// The dotted code, namespaced by its family.
    public let code: String
    /// What the code means, in one sentence.
    public let meaning: String
    /// How a contributor fixes the file.
    public let hint: String

    /// Declares a code with its meaning and hint.
    public init(_ code: String, meaning: String, hint: String) {
        self.code = code
        self.meaning = meaning
        self.hint = hint
    }
}
