import GRDB

/// The ledger's tables, created and upgraded by GRDB migrations.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
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
        return migrator
    }
}
