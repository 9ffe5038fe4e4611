import AssayCore
/// The files that share one reason code: how many, whose, what to do, and a few examples. The
/// report lists groups, not files: its size must not grow with the datanet (the full list is
/// what `assay export --format jsonl` and the verdict lines are for).
public struct ReasonGroup: Sendable, Equatable {
    /// One file carrying the code, with this code's message (several reasons of the same code in
    /// one file, as the repeated n-gram checks give, are one line: the first message and how many
    /// more).
    public struct Example: Sendable, Equatable {
        /// Path relative to its folder.
        public let path: String
        /// Its contributor.
        public let contributor: String
        /// Its verdict.
        public let verdict: VerdictKind
        /// This code's message, collapsed.
        public let message: String
    }

    /// The code.
    public let code: String
    /// Files carrying it (a file counts once, however many reasons of this code it has).
    public internal(set) var files = 0
    /// Files per verdict (a code can reject one file and merely accompany another's refusal).
    public internal(set) var verdicts: [VerdictKind: Int] = [:]
    /// Files per contributor.
    public internal(set) var contributors: [String: Int] = [:]
    /// The first files carrying it, in canonical order, up to the report's example limit.
    public internal(set) var examples: [Example] = []
    /// What the code means (from the registry; empty for a code no registered stage declares).
    public internal(set) var meaning = ""
    /// What a contributor can do about it.
    public internal(set) var hint = ""
    /// What a curator can do about it (an option to change), when there is something.
    public internal(set) var curatorNote: String?

    /// An empty group for `code`.
    public init(code: String) { self.code = code }

    /// Counts one more file carrying the code; keeps it as an example while there are fewer
    /// than `examples`. Mutated in place in the builder's dictionary (`groups[code, default:]`),
    /// so the contributor counts are never copied.
    mutating func add(_ example: Example, examples: Int, hint: String?) {
        files += 1
        verdicts[example.verdict, default: 0] += 1
        contributors[example.contributor, default: 0] += 1
        if self.hint.isEmpty, let hint { self.hint = hint }
        if self.examples.count < examples { self.examples.append(example) }
    }

    /// The contributors with most files carrying the code, most first, at most `limit`.
    public func topContributors(_ limit: Int) -> [(name: String, files: Int)] {
        contributors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// Compares groups field by field.
    public static func == (a: ReasonGroup, b: ReasonGroup) -> Bool {
        a.code == b.code && a.files == b.files && a.verdicts == b.verdicts && a.contributors == b.contributors && a.examples == b.examples
    }
}
