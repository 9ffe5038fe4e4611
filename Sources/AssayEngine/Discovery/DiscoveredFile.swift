/// A file found by discovery, with the intake refusal found without reading it, if any.
public struct DiscoveredFile: Sendable, Equatable {
    /// The submission.
    public var submission: Submission
    /// Why intake turns the file away before reading (a FIFO, an empty file, a link out of the root).
    public var refusal: Reason?
    /// `device:inode` of a regular file with more than one hard link (nil otherwise): intake
    /// refuses the links that put one file under two contributors.
    public var sharedInode: String?

    /// Creates a discovered file.
    public init(submission: Submission, refusal: Reason? = nil, sharedInode: String? = nil) {
        self.submission = submission
        self.refusal = refusal
        self.sharedInode = sharedInode
    }
}
