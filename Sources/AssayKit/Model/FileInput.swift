/// What every analyze stage receives: the submission, its bytes (read once), their SHA-256
/// (computed once) and the MIME type libmagic sniffed.
public struct FileInput: Sendable {
    /// The submission the bytes belong to.
    public let submission: Submission
    /// The whole file, read once and shared by every stage.
    public let bytes: [UInt8]
    /// Lower-case hex SHA-256 of `bytes`.
    public let sha256: String
    /// The sniffed MIME type (`image/png`).
    public let mime: String
    /// The running stage's CPU budget for this file.
    public var budget: StageBudget = .unlimited

    /// The modality the file is judged as; intake guarantees it is known before stages run.
    public var modality: Modality { submission.modality ?? .text }

    /// Creates a file input.
    public init(submission: Submission, bytes: [UInt8], sha256: String, mime: String) {
        self.submission = submission
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
    }
}
