/// The two databases a ledger lives in, as far as its schema is concerned: the same tables and
/// columns, written in each one's types. A migration is written once, with the neutral type
/// words below, and each store renders it (``LedgerMigrations``).
///
/// - `{integer}`: a 64-bit integer (SQLite `INTEGER`, PostgreSQL `BIGINT`);
/// - `{key}`: text compared byte by byte, for columns canonical order sorts on (SQLite `TEXT`,
///   whose default collation is binary; PostgreSQL `TEXT COLLATE "C"`);
/// - `{bytes}`: a blob (SQLite `BLOB`, PostgreSQL `BYTEA`).
///
/// Plain `TEXT` means the same in both.
public enum SchemaDialect: String, Sendable, CaseIterable {
    /// SQLite, through GRDB.
    case sqlite
    /// PostgreSQL, through postgres-nio.
    case postgres

    /// `sql` with the neutral type words replaced by this database's types.
    public func render(_ sql: String) -> String {
        let types: [(String, String)] = switch self {
        case .sqlite: [("{integer}", "INTEGER"), ("{key}", "TEXT"), ("{bytes}", "BLOB")]
        case .postgres: [("{integer}", "BIGINT"), ("{key}", "TEXT COLLATE \"C\""), ("{bytes}", "BYTEA")]
        }
        return types.reduce(sql) { text, pair in text.replacingOccurrences(of: pair.0, with: pair.1) }
    }
}
