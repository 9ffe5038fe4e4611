/// An accepted file as the ledger knows it: its verdict, where it is on disk, and what its
/// descriptor said when it was read (so an export can tell that it has changed since).
public struct AcceptedFile: Sendable {
    /// The verdict, as recorded.
    public let verdict: Verdict
    /// The verdict line, byte for byte as recorded.
    public let line: String
    /// The absolute path it was read from.
    public let absolutePath: String
    /// `device:inode:size:mtime:ctime` of the descriptor it was read from, or of discovery's
    /// `stat` for a file accepted unread (an `unchecked` modality; see `FileStatus`).
    public let readStat: String?
}
