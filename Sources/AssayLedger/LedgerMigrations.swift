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
        // v5: `assay serve`: accounts (only a SHA-256 of each token is kept), every upload with the
        // submission time the server gave it, and the daily usage the quotas are decided on (one
        // row per contributor and UTC day, one per datanet and day, updated in the admitting
        // transaction), and per datanet the last second whose uploads are closed (placed and judged).
        ("v5-serve", """
            CREATE TABLE serve_tokens(name {key} PRIMARY KEY, skeleton {key} NOT NULL UNIQUE, hash {key} NOT NULL UNIQUE,
              curator {integer} NOT NULL, created_at {integer} NOT NULL, revoked_at {integer});
            CREATE TABLE serve_uploads(id {key} PRIMARY KEY, datanet {key} NOT NULL, contributor {key} NOT NULL, name TEXT NOT NULL,
              root {key} NOT NULL, path {key} NOT NULL, spool TEXT NOT NULL, modality TEXT NOT NULL, bytes {integer} NOT NULL,
              sha256 TEXT NOT NULL, submitted_at {integer} NOT NULL, placed {integer} NOT NULL);
            CREATE INDEX serve_uploads_by_contributor ON serve_uploads(contributor, submitted_at);
            CREATE INDEX serve_uploads_to_place ON serve_uploads(datanet, placed, submitted_at);
            CREATE TABLE serve_usage(contributor {key} NOT NULL, day {integer} NOT NULL, files {integer} NOT NULL, bytes {integer} NOT NULL,
              PRIMARY KEY(contributor, day));
            CREATE TABLE serve_datanet_days(datanet {key} NOT NULL, day {integer} NOT NULL, bytes {integer} NOT NULL, PRIMARY KEY(datanet, day));
            CREATE TABLE serve_datanets(name {key} PRIMARY KEY, closed_through {integer} NOT NULL);
            """),
    ]

    /// The shared migrations in `dialect`.
    public static func rendered(for dialect: SchemaDialect) -> [(name: String, sql: String)] {
        shared.map { ($0.name, dialect.render($0.sql)) }
    }
}
