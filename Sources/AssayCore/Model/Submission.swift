/// One contributed file as discovery found it, before any byte is read.
public struct Submission: Sendable, Equatable {
    /// Path relative to the folder given (or the manifest's folder): the file's identity in the ledger.
    public var path: String
    /// Absolute path used to read the file.
    public var absolutePath: String
    /// Contributor id from the layout or the manifest.
    public var contributor: String
    /// The modality folder name as written (kept even when it is not a known modality).
    public var modalityName: String
    /// Submission time in whole seconds since 1970 UTC (the file's mtime unless a manifest says otherwise).
    public var submittedAt: Int64
    /// Size in bytes from `lstat`/`stat`, checked against `max_file_bytes` before reading.
    public var bytes: Int64

    /// The known modality, or nil for an unknown modality folder.
    public var modality: Modality? { Modality(rawValue: modalityName) }

    /// Creates a submission.
    public init(path: String, absolutePath: String, contributor: String, modalityName: String, submittedAt: Int64, bytes: Int64) {
        self.path = path
        self.absolutePath = absolutePath
        self.contributor = contributor
        self.modalityName = modalityName
        self.submittedAt = submittedAt
        self.bytes = bytes
    }
}
