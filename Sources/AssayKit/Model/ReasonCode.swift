/// A stable, documented reason code (`png.crc`, `text.dup_near`, `quota.daily_files`).
///
/// Codes are a public contract: each is listed in docs/reasons.md with its meaning and its fix,
/// and a test fails when a declared code is missing there.
public struct ReasonCode: Sendable, Hashable {
    /// The dotted code, namespaced by its family.
    public let code: String
    /// What the code means, in one sentence.
    public let meaning: String
    /// How a contributor fixes the file: what `check` shows. It never names a config option: a
    /// contributor cannot change the curator's rules (a test holds every hint to that).
    public let hint: String
    /// What a curator can change when the code turns away files they want (an option, a plugin),
    /// shown in the report and by `assay reasons`; nil when there is nothing to say.
    public let curatorNote: String?
    /// Former names of the code, kept for one version: documented beside it and understood by
    /// every lookup (hints, `assay reasons`), while verdicts carry the new name.
    public let aliases: [String]

    /// Declares a code with its meaning, its contributor hint and, optionally, a curator note.
    public init(_ code: String, meaning: String, hint: String, curator: String? = nil, aliases: [String] = []) {
        self.code = code
        self.meaning = meaning
        self.hint = hint
        self.curatorNote = curator
        self.aliases = aliases
    }

    /// True for the code's name or one of its former names.
    public func answers(to name: String) -> Bool { code == name || aliases.contains(name) }
}
