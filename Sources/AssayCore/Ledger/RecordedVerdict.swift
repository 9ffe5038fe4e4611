/// A judgement ready for the ledger: the judgement, its verdict line and the fingerprint it was made under.
public struct RecordedVerdict: Sendable {
    /// The judgement.
    public let judgement: Judgement
    /// The verdict line (JSON).
    public let line: String
    /// The config fingerprint.
    public let fingerprint: String

    /// Creates a recorded verdict.
    public init(judgement: Judgement, line: String, fingerprint: String) {
        self.judgement = judgement
        self.line = line
        self.fingerprint = fingerprint
    }
}
