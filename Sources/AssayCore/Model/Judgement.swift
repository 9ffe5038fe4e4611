/// The final, recorded outcome for one file: the verdict line's content.
public struct Judgement: Sendable, Equatable {
    /// Path relative to the folder given.
    public var path: String
    /// Contributor id.
    public var contributor: String
    /// Modality folder name.
    public var modality: String
    /// Size in bytes.
    public var bytes: Int64
    /// Hex SHA-256, nil when the file was never read.
    public var sha256: String?
    /// Sniffed MIME type, nil when not sniffed.
    public var mime: String?
    /// Submission time, seconds since 1970 UTC.
    public var submittedAt: Int64
    /// The verdict.
    public var verdict: VerdictKind
    /// Every reason, in stage order.
    public var reasons: [Reason]
    /// Every metric from every stage.
    public var metrics: [String: Double]
    /// Path of the earlier file this one copies.
    public var duplicateOf: String?

    /// Creates a judgement.
    public init(path: String, contributor: String, modality: String, bytes: Int64, sha256: String?, mime: String?,
                submittedAt: Int64, verdict: VerdictKind, reasons: [Reason], metrics: [String: Double], duplicateOf: String?) {
        self.path = path
        self.contributor = contributor
        self.modality = modality
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
        self.submittedAt = submittedAt
        self.verdict = verdict
        self.reasons = reasons
        self.metrics = metrics
        self.duplicateOf = duplicateOf
    }
}
