/// Where a ledger's tables live: the database under ``Ledger``, behind one small contract so the
/// ledger's logic (discovery, replay, queries) is written once and runs on SQLite and PostgreSQL
/// alike. An implementation owns its connection, its schema migrations and its run lock.
public protocol LedgerStore: Sendable {
    /// What messages call the ledger: a file path, or a PostgreSQL address without its password.
    var location: String { get }
    /// Which database this is.
    var backend: LedgerBackend { get }
    /// Runs `body` in one write transaction: all of it is recorded, or none.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Runs `body` in one read-only transaction that sees one consistent state.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Takes the lock that lets one run at a time decide on this ledger; held until the returned
    /// object is released (or the process ends, however it ends).
    func lockForRun(wait: Bool, notify: (String) -> Void) throws(LedgerLock.Failure) -> AnyObject
    /// What a person needs from an error of this database's driver (the server's message, the
    /// SQLite result); other errors as they describe themselves.
    func describe(_ error: any Error) -> String
}

/// The database kinds a ledger can live in.
public enum LedgerBackend: String, Sendable, CaseIterable {
    /// A file, through GRDB: the default, for one machine.
    case sqlite
    /// A PostgreSQL server, through postgres-nio: shared by `assay work` workers on many machines.
    case postgres
}
