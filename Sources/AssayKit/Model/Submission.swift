/// One contributed file as discovery found it, before any byte is read.
///
/// Its identity is ``file``: the folder given (resolved to an absolute real path) plus the path
/// relative to it. Two folders holding the same relative path are two files.
public struct Submission: Sendable, Equatable {
    /// The folder given (or the manifest's folder), as an absolute path with links resolved.
    public var root: String
    /// Path relative to `root`.
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
    /// What `stat` said (device, inode, size, change times), or "" when not examined: a file
    /// whose stat is unchanged since it was analyzed is not read again.
    public var stat: String

    /// The known modality, or nil for an unknown modality folder.
    public var modality: Modality? { Modality(rawValue: modalityName) }

    /// The file's identity.
    public var file: FileRef { FileRef(root: root, path: path) }

    /// The file's place in canonical order.
    public var key: CanonicalKey { CanonicalKey(submittedAt: submittedAt, path: path, root: root) }

    /// Creates a submission.
    public init(root: String, path: String, absolutePath: String, contributor: String, modalityName: String,
                submittedAt: Int64, bytes: Int64, stat: String = "") {
        self.root = root
        self.path = path
        self.absolutePath = absolutePath
        self.contributor = contributor
        self.modalityName = modalityName
        self.submittedAt = submittedAt
        self.bytes = bytes
        self.stat = stat
    }
}
