/// Why ``ToolRun`` ended a program without its output.
public enum ToolRunError: Error, Sendable, Equatable {
    /// The program could not be started (`ENOENT` when it does not exist); the message says which.
    case cannotStart(String)
    /// It was still running at the deadline; it and its process group were killed.
    case timeout
    /// It wrote more than the allowed bytes on standard output (the value); it was killed.
    case outputTooLarge(Int)
}
