/// A discovered file as the judge loop reads it back from the ledger in canonical order, with
/// what the ledger already knows about its path.
public struct StagedFile: Sendable {
    /// Position in canonical order within this run (1-based).
    public let sequence: Int64
    /// The discovered file.
    public let file: DiscoveredFile
    /// The verdict recorded for this path earlier, if any.
    public let prior: PriorVerdict?
}

/// A verdict recorded for a path by an earlier run.
public struct PriorVerdict: Sendable, Equatable {
    /// The content hash it was judged on.
    public let sha256: String?
    /// The config fingerprint it was judged under.
    public let fingerprint: String
    /// The verdict.
    public let verdict: VerdictKind
    /// The verdict line as written then.
    public let line: String
    /// Its reason codes.
    public let codes: [String]
}
