/// The ledger could not be opened, read or written, or may not be used as asked.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// Why, for a caller that must act differently (a usage error exits 2 and is never retried).
    public enum Kind: Sendable, Equatable {
        /// The database failed or could not be reached: worth retrying later.
        case database
        /// The ledger was made by a newer Assay (it has migrations this version does not know):
        /// using it would be a usage error, never a silent write.
        case newerAssay
        /// The ledger's current run analyzes under another config than the caller's (a worker
        /// started with the wrong `assay.yml`): a usage error.
        case otherConfig
    }

    /// What failed, with the database path.
    public let message: String
    /// Why it failed.
    public let kind: Kind

    /// A database failure described by `message`.
    public init(_ message: String, kind: Kind = .database) {
        self.message = message
        self.kind = kind
    }

    /// True when the ledger was made by a newer Assay.
    public var fromNewerAssay: Bool { kind == .newerAssay }

    /// True when retrying cannot help: the caller asked for something wrong (exit 2).
    public var isUsageError: Bool { kind != .database }

    /// The error for a ledger with schema migrations this Assay does not know.
    public static func newer(_ ledger: String, unknown: [String]) -> LedgerError {
        LedgerError("\(ledger): this ledger was made by a newer Assay (schema \(unknown.sorted().joined(separator: ", ")) unknown to \(AssayVersion.string)); "
                    + "use that version, or another ledger", kind: .newerAssay)
    }

    /// The message.
    public var description: String { message }
}
