/// One upload `assay serve` kept: who sent it to which datanet, what the server named it, and
/// the submission time it gave it. Until it is placed, its bytes wait in the datanet's spool
/// (`spool`); placing renames them to `root`/`path`, where `assay run` finds them.
public struct ServeUpload: Sendable, Equatable {
    /// The server's id for the upload (the status URL names it; it is in the stored file's name).
    public let id: String
    /// The datanet's name.
    public let datanet: String
    /// The contributor (the account's name).
    public let contributor: String
    /// The name the client gave, as the contributor sees it; never used as a path.
    public let name: String
    /// The datanet's folder, an absolute real path.
    public let root: String
    /// The path the server chose, relative to `root`, in the datanet's layout.
    public let path: String
    /// Where the bytes wait until placed (an absolute path in the datanet's spool folder).
    public let spool: String
    /// `text`, `image` or `audio`.
    public let modality: String
    /// The file's size.
    public let bytes: Int64
    /// Lower-case hex SHA-256 of the bytes received.
    public let sha256: String
    /// The receive time the server witnessed, seconds since 1970 UTC: the file's submission time.
    public let submittedAt: Int64
    /// True once the file is in the datanet's folder (or known lost).
    public let placed: Bool

    /// An upload.
    public init(id: String, datanet: String, contributor: String, name: String, root: String, path: String, spool: String,
                modality: String, bytes: Int64, sha256: String, submittedAt: Int64, placed: Bool) {
        self.id = id
        self.datanet = datanet
        self.contributor = contributor
        self.name = name
        self.root = root
        self.path = path
        self.spool = spool
        self.modality = modality
        self.bytes = bytes
        self.sha256 = sha256
        self.submittedAt = submittedAt
        self.placed = placed
    }
}
