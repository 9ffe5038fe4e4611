import GRDB

/// The ledger's tables in SQLite, created and upgraded by GRDB migrations: v1 and v2 as they
/// shipped, then every shared migration (``LedgerMigrations``).
///
/// - `files`: every file of the datanet, by (root, path), with what discovery saw and what the
///   last read found (stat, size, SHA-256, MIME, the analysis fingerprint it was analyzed under);
/// - `findings`: per file and stage, the finding and the stage fingerprint it was made under;
/// - `verdicts`: per file, the verdict line and the columns `rank` and `report` filter on;
/// - `index_entries`: admitted fingerprints of stateful stages, with the file's canonical key;
/// - `state`: the decide fingerprint and the stale mark (decide is replayed from there);
/// - `sources`: the folders and manifests the datanet is made of, with the start of the run that
///   last walked each folder (the lower bound of what is new in it); `staged`: one run's discovery;
/// - `trusted_times`: submission times imported with `assay run --intake`, used once per path.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // v1 as 0.1 shipped it (a shipped migration is never edited).
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs(
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
                  fingerprint TEXT NOT NULL, config TEXT, roots TEXT NOT NULL, jobs INTEGER NOT NULL, stages TEXT NOT NULL DEFAULT '',
                  files_found INTEGER, files_judged INTEGER);
                CREATE TABLE verdicts(
                  path TEXT PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
                  contributor TEXT NOT NULL, modality TEXT NOT NULL, bytes INTEGER NOT NULL,
                  sha256 TEXT, mime TEXT, submitted_at INTEGER NOT NULL, fingerprint TEXT NOT NULL,
                  verdict TEXT NOT NULL, codes TEXT NOT NULL, line TEXT NOT NULL, duplicate_of TEXT);
                CREATE INDEX verdicts_by_contributor ON verdicts(contributor, submitted_at);
                CREATE INDEX verdicts_by_run ON verdicts(run_id);
                CREATE TABLE index_entries(
                  stage TEXT NOT NULL, path TEXT NOT NULL, keys BLOB NOT NULL, payload BLOB NOT NULL,
                  PRIMARY KEY(stage, path));
                CREATE TABLE staged(
                  path TEXT PRIMARY KEY, absolute_path TEXT NOT NULL, contributor TEXT NOT NULL,
                  modality TEXT NOT NULL, submitted_at INTEGER NOT NULL, bytes INTEGER NOT NULL, refusal TEXT);
                CREATE INDEX staged_in_order ON staged(submitted_at, path);
                """)
        }

        // v2: files are (root, path); findings are stored; decide is replayed from a stale mark.
        // The v1 tables keyed by path alone cannot be carried over: their files are judged again.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS verdicts;
                DROP TABLE IF EXISTS index_entries;
                DROP TABLE IF EXISTS staged;
                ALTER TABLE runs ADD COLUMN files_analyzed INTEGER;
                ALTER TABLE runs ADD COLUMN files_decided INTEGER;
                CREATE TABLE sources(kind TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY(kind, path));
                CREATE TABLE files(
                  id INTEGER PRIMARY KEY,
                  root TEXT NOT NULL, path TEXT NOT NULL, absolute_path TEXT NOT NULL,
                  contributor TEXT NOT NULL, modality TEXT NOT NULL, submitted_at INTEGER NOT NULL, bytes INTEGER NOT NULL,
                  stat TEXT NOT NULL, refusal TEXT,
                  read_stat TEXT, read_bytes INTEGER, sha256 TEXT, mime TEXT, analyzed_under TEXT,
                  UNIQUE(root, path));
                CREATE INDEX files_in_order ON files(submitted_at, path, root);
                CREATE TABLE findings(
                  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                  stage TEXT NOT NULL, stage_fingerprint TEXT NOT NULL,
                  reasons TEXT NOT NULL, metrics TEXT NOT NULL, fingerprint BLOB,
                  PRIMARY KEY(file_id, stage));
                CREATE TABLE verdicts(
                  file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                  run_id INTEGER NOT NULL REFERENCES runs(id),
                  contributor TEXT NOT NULL, modality TEXT NOT NULL, submitted_at INTEGER NOT NULL, bytes INTEGER NOT NULL,
                  verdict TEXT NOT NULL, admitted INTEGER NOT NULL, codes TEXT NOT NULL, line TEXT NOT NULL);
                CREATE INDEX verdicts_by_contributor ON verdicts(contributor, submitted_at);
                CREATE INDEX verdicts_by_run ON verdicts(run_id);
                CREATE TABLE index_entries(
                  stage TEXT NOT NULL, file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                  submitted_at INTEGER NOT NULL, path TEXT NOT NULL, root TEXT NOT NULL,
                  keys BLOB NOT NULL, fingerprint BLOB NOT NULL,
                  PRIMARY KEY(stage, file_id));
                CREATE INDEX index_in_order ON index_entries(stage, submitted_at, path, root);
                CREATE INDEX index_by_key ON index_entries(submitted_at, path, root);
                CREATE TABLE state(name TEXT PRIMARY KEY, submitted_at INTEGER, path TEXT, root TEXT, inclusive INTEGER, text TEXT);
                CREATE TABLE staged(
                  root TEXT NOT NULL, path TEXT NOT NULL, absolute_path TEXT NOT NULL, contributor TEXT NOT NULL,
                  modality TEXT NOT NULL, submitted_at INTEGER NOT NULL, bytes INTEGER NOT NULL, stat TEXT NOT NULL, refusal TEXT,
                  PRIMARY KEY(root, path));
                """)
        }
        // From v3 on, one source for both databases.
        for migration in LedgerMigrations.rendered(for: .sqlite) {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }
}
