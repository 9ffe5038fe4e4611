/// Why a run stopped.
public enum RunError: Error, Sendable, CustomStringConvertible {
    /// The request was wrong (a missing folder, a malformed manifest): exit code 2.
    case usage(String)
    /// Something else stopped the run (the ledger could not be written): exit code 1.
    case failure(String)

    /// The message.
    public var description: String {
        switch self {
        case let .usage(message), let .failure(message): return message
        }
    }
}
