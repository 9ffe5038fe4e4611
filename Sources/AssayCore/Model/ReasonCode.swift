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
    /// Former names of the code, kept for one version: documented beside it and understood by
    /// every lookup (hints, `assay reasons`), while verdicts carry the new name.
    public let aliases: [String]

    /// Declares a code with its meaning and hint.
    public init(_ code: String, meaning: String, hint: String, aliases: [String] = []) {
        self.code = code
        self.meaning = meaning
        self.hint = hint
        self.aliases = aliases
    }

    /// True for the code's name or one of its former names.
    public func answers(to name: String) -> Bool { code == name || aliases.contains(name) }
}
