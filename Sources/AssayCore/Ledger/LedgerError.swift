/// The ledger database could not be opened, read or written.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// What failed, with the database path.
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
