/// One run as the ledger recorded it, for `assay runs`.
public struct RunRecord: Sendable, Equatable {
    /// The run id.
    public let id: Int64
    /// When it started (RFC 3339).
    public let startedAt: String
    /// When it ended, nil while running or when it was killed.
    public let finishedAt: String?
    /// How it ended.
    public let status: RunStatus
    /// Files discovered.
    public let found: Int?
    /// Files read and analyzed (the others reused stored findings).
    public let analyzed: Int?
    /// Files whose verdict was decided again (from the stale mark on).
    public let decided: Int?
    /// The folders named on the command line.
    public let roots: [String]
}
