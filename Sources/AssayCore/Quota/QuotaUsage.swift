/// One file admitted to validation, as quotas count it.
public struct QuotaUsage: Sendable, Equatable {
    /// The file's path (its identity).
    public let path: String
    /// Its modality folder.
    public let modality: String
    /// Submission time, seconds since 1970 UTC.
    public let time: Int64
    /// Size in bytes.
    public let bytes: Int64

    /// Creates a usage record.
    public init(path: String, modality: String, time: Int64, bytes: Int64) {
        self.path = path
        self.modality = modality
        self.time = time
        self.bytes = bytes
    }
}
