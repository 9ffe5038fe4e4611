/// The ledger database could not be opened, read or written.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// What failed, with the database path.
    public let message: String
    /// True when the ledger was made by a newer Assay (it has migrations this version does not
    /// know): using it would be a usage error (exit 2), never a silent write.
    public let fromNewerAssay: Bool
    /// Creates the error.
    public init(_ message: String) {
        self.message = message
        fromNewerAssay = false
    }

    /// The error for a ledger with schema migrations this Assay does not know.
    static func newer(_ ledger: String, unknown: [String]) -> LedgerError {
        LedgerError(message: "\(ledger): this ledger was made by a newer Assay (schema \(unknown.sorted().joined(separator: ", ")) unknown to \(AssayVersion.string)); "
                    + "use that version, or another ledger", newer: true)
    }

    private init(message: String, newer: Bool) {
        self.message = message
        fromNewerAssay = newer
    }
    /// The message.
    public var description: String { message }
}
