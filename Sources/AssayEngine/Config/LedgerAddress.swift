/// What `--ledger` (or the config's `ledger:`) names: a file path, `sqlite:PATH`, or
/// `postgres://USER@HOST:PORT/DATABASE` (also `postgresql://`). A password never appears here: it
/// comes from `PGPASSWORD` or the password file, as libpq reads them.
public enum LedgerAddress: Sendable, Equatable {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresAddress)

    /// Parses `text`; throws for a malformed PostgreSQL address (with what is wrong).
    public init(_ text: String) throws(LedgerError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresAddress(text))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// True for a text naming a PostgreSQL ledger (no file to resolve or guard).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }
}
