import Foundation

/// An error a command ends with: the message for standard error and the exit code, mapped once
/// in `main` (no helper calls `exit`).
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, for a person.
    let message: String
    /// The process exit code.
    let code: Int32

    /// A usage or config error: exit code 2.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 2) }
    /// Any other failure (a ledger or an output that cannot be written): exit code 1.
    static func failure(_ message: String) -> CommandFailure { CommandFailure(message: message, code: 1) }

    var description: String { message }

    /// Writes the message to standard error, prefixed as argument-parser's own errors are.
    func report() {
        let text = message.hasPrefix("Error:") || message.hasPrefix("Usage:") ? message : "assay: " + message
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
