/// One file admitted to validation, as quotas count it.
public struct QuotaUsage: Sendable, Equatable {
    /// Who submitted it.
    public let contributor: String
    /// Its modality folder.
    public let modality: String
    /// Submission time, seconds since 1970 UTC.
    public let time: Int64
    /// Size in bytes.
    public let bytes: Int64

    /// Creates a usage record.
    public init(contributor: String, modality: String, time: Int64, bytes: Int64) {
        self.contributor = contributor
        self.modality = modality
        self.time = time
        self.bytes = bytes
    }

    /// The usage of `submission`'s file at `bytes` bytes (the size discovery saw, for limits
    /// decided before reading).
    public init(_ submission: Submission, bytes: Int64) {
        self.init(contributor: submission.contributor, modality: submission.modalityName, time: submission.submittedAt, bytes: bytes)
    }
}
