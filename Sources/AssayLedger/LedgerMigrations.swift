/// The ledger's schema changes from v3 on, written once for both databases (see
/// ``SchemaDialect`` for the type words). The SQLite migrator (``LedgerSchema``) and the
/// PostgreSQL one (``PostgresSchema``) each append these, in order, after their own first
/// migrations (which shipped separately, before this list existed, and are never edited). A new
/// column or table is one entry here; a test checks that a fresh SQLite ledger and a fresh
/// PostgreSQL one then have the same tables and columns.
public enum LedgerMigrations {
    /// Every shared migration, oldest first: its name (recorded in each database's history) and its SQL.
    public static let shared: [(name: String, sql: String)] = [
        // v3: the text gate no longer asks libmagic about clean UTF-8, and names the character set
        // of other text. Sniffs of text files made before are forgotten, so each is read again.
        ("v3-text-sniff", "UPDATE files SET read_stat = NULL, sha256 = NULL, mime = NULL, analyzed_under = NULL WHERE modality = 'text'"),
        // v4: the ledger witnesses submission times: when each folder was last walked, the times a
        // curator's intake file vouches for, the daily limits decided before analysis
        // (`admission`), the inode of files with more than one link, and each name's first owner.
        ("v4-intake", """
            ALTER TABLE sources ADD COLUMN walked_at {integer};
            ALTER TABLE files ADD COLUMN admission TEXT;
            ALTER TABLE staged ADD COLUMN inode TEXT;
            CREATE TABLE trusted_times(root {key} NOT NULL, path {key} NOT NULL, submitted_at {integer} NOT NULL,
              PRIMARY KEY(root, path));
            CREATE TABLE contributor_names(skeleton {key} PRIMARY KEY, name {key} NOT NULL, first_at {integer} NOT NULL);
            """),
    ]

    /// The shared migrations in `dialect`.
    public static func rendered(for dialect: SchemaDialect) -> [(name: String, sql: String)] {
        shared.map { ($0.name, dialect.render($0.sql)) }
    }
}
