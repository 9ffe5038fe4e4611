/// A folder inside a judged folder that a run could not read (its permissions, usually): its
/// files were not listed, so the ledger keeps what it knew of them, and the run goes on.
public struct UnreadableFolder: Sendable, Equatable {
    /// The judged folder (absolute, links resolved).
    public let root: String
    /// The unreadable folder, relative to `root`.
    public let path: String
    /// The system's words ("Permission denied").
    public let problem: String

    /// Creates the record.
    public init(root: String, path: String, problem: String) {
        self.root = root
        self.path = path
        self.problem = problem
    }
}
