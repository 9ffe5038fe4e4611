import Foundation
import GRDB

/// The ledger: an SQLite database (through GRDB) of runs, the latest verdict for every path,
/// the duplicate indexes of stateful stages, and a per-run staging table of discovered files.
///
/// Verdicts, index changes and quota usage are written together in one transaction per batch,
/// in WAL mode, so a run killed at any point leaves a ledger that a new run can continue.
public final class Ledger: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens (and creates or migrates) the ledger at `path`.
    public init(path: String) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA temp_store = FILE")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try LedgerSchema.migrator.migrate(queue)
        } catch {
            throw LedgerError("\(path): cannot open the ledger: \(error)")
        }
    }

    /// Runs `body` in a write transaction, mapping database errors.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw LedgerError("\(path): cannot \(what): \(error)")
        }
    }

    /// Runs `body` for reading, mapping database errors.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw LedgerError("\(path): cannot \(what): \(error)")
        }
    }

    // MARK: Runs

    /// Records the start of a run and returns its id.
    public func beginRun(fingerprint: String, config: String?, roots: [String], jobs: Int, stages: [String]) throws(LedgerError) -> Int64 {
        try write("start a run") { db in
            try db.execute(sql: """
                INSERT INTO runs(started_at, fingerprint, config, roots, jobs, stages, status) VALUES (?, ?, ?, ?, ?, ?, 'running')
                """, arguments: [RFC3339.format(Int64(Date().timeIntervalSince1970)), fingerprint, config, roots.joined(separator: "\n"), jobs,
                                  stages.joined(separator: " ")])
            return db.lastInsertedRowID
        }
    }

    /// Marks a run finished with its counts.
    public func finishRun(_ id: Int64, found: Int, judged: Int) throws(LedgerError) {
        try write("finish the run") { db in
            try db.execute(sql: "UPDATE runs SET finished_at = ?, status = 'completed', files_found = ?, files_judged = ? WHERE id = ?",
                           arguments: [RFC3339.format(Int64(Date().timeIntervalSince1970)), found, judged, id])
        }
    }

    // MARK: Staging discovered files

    /// Empties the staging table for a new run.
    public func resetStaging() throws(LedgerError) {
        try write("reset staging") { db in try db.execute(sql: "DELETE FROM staged") }
    }

    /// Stages a batch of discovered files; a path seen twice keeps its first entry.
    public func stage(_ files: [DiscoveredFile]) throws(LedgerError) {
        try write("stage discovered files") { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO staged(path, absolute_path, contributor, modality, submitted_at, bytes, refusal)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for file in files {
                let s = file.submission
                try statement.execute(arguments: [s.path, s.absolutePath, s.contributor, s.modalityName, s.submittedAt, s.bytes,
                                                  file.refusal.map(ReasonCoding.encode)])
            }
        }
    }

    /// The number of staged files.
    public func stagedCount() throws(LedgerError) -> Int {
        try read("count staged files") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM staged") ?? 0 }
    }

    /// Staged files in canonical order (submission time, then path), after the given key.
    public func stagedPage(after key: (Int64, String)?, limit: Int) throws(LedgerError) -> [(key: (Int64, String), file: DiscoveredFile, prior: PriorVerdict?)] {
        try read("read staged files") { db in
            let (time, path) = key ?? (Int64.min, "")
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.path, s.absolute_path, s.contributor, s.modality, s.submitted_at, s.bytes, s.refusal,
                       v.sha256, v.fingerprint, v.verdict, v.line, v.codes
                FROM staged s LEFT JOIN verdicts v ON v.path = s.path
                WHERE (s.submitted_at, s.path) > (?, ?)
                ORDER BY s.submitted_at, s.path LIMIT ?
                """, arguments: [time, path, limit])
            return rows.map { row in
                let submission = Submission(path: row["path"], absolutePath: row["absolute_path"], contributor: row["contributor"],
                                            modalityName: row["modality"], submittedAt: row["submitted_at"], bytes: row["bytes"])
                let refusal = (row["refusal"] as String?).flatMap(ReasonCoding.decode)
                var prior: PriorVerdict?
                if let verdict = (row["verdict"] as String?).flatMap(VerdictKind.init(rawValue:)) {
                    let codes: String = row["codes"] ?? ""
                    prior = PriorVerdict(sha256: row["sha256"], fingerprint: row["fingerprint"], verdict: verdict, line: row["line"],
                                         codes: codes.split(separator: " ").map(String.init))
                }
                return ((submission.submittedAt, submission.path), DiscoveredFile(submission: submission, refusal: refusal), prior)
            }
        }
    }

    // MARK: Verdicts and indexes

    /// Writes a batch of verdicts and the index changes they caused, in one transaction.
    public func record(_ batch: [RecordedVerdict], indexChanges: [(stage: String, changes: [DuplicateIndex.Change])], runID: Int64) throws(LedgerError) {
        try write("record verdicts") { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO verdicts(path, run_id, contributor, modality, bytes, sha256, mime, submitted_at, fingerprint, verdict, codes, line, duplicate_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET run_id = excluded.run_id, contributor = excluded.contributor, modality = excluded.modality,
                  bytes = excluded.bytes, sha256 = excluded.sha256, mime = excluded.mime, submitted_at = excluded.submitted_at,
                  fingerprint = excluded.fingerprint, verdict = excluded.verdict, codes = excluded.codes, line = excluded.line,
                  duplicate_of = excluded.duplicate_of
                """)
            for item in batch {
                let j = item.judgement
                try upsert.execute(arguments: [j.path, runID, j.contributor, j.modality, j.bytes, j.sha256, j.mime, j.submittedAt,
                                               item.fingerprint, j.verdict.rawValue, j.reasons.map(\.code).joined(separator: " "),
                                               item.line, j.duplicateOf])
            }
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO index_entries(stage, path, keys, payload) VALUES (?, ?, ?, ?)")
            let delete = try db.cachedStatement(sql: "DELETE FROM index_entries WHERE stage = ? AND path = ?")
            for (stage, changes) in indexChanges {
                for change in changes {
                    switch change {
                    case let .insert(path, keys, payload):
                        try insert.execute(arguments: [stage, path, IndexKeyCoding.pack(keys), Data(payload)])
                    case let .remove(path):
                        try delete.execute(arguments: [stage, path])
                    }
                }
            }
        }
    }

    /// Fills `index` with the documents recorded for its stage.
    /// With `excludingStaged`, paths about to be judged again are left out, so they are judged
    /// as if first seen in their canonical place.
    public func load(_ index: DuplicateIndex, excludingStaged: Bool = false) throws(LedgerError) {
        let filter = excludingStaged ? " AND path NOT IN (SELECT path FROM staged)" : ""
        try read("load the \(index.stage) index") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT path, keys, payload FROM index_entries WHERE stage = ?\(filter) ORDER BY rowid",
                                           arguments: [index.stage])
            while let row = try rows.next() {
                let keys: Data = row["keys"]
                let payload: Data = row["payload"]
                index.load(path: row["path"], keys: IndexKeyCoding.unpack(keys), payload: [UInt8](payload))
            }
        }
    }

    /// Quota usage recorded for a contributor: every file admitted to validation.
    /// With `excludingStaged`, paths about to be judged again are left out.
    public func usage(of contributor: String, excludingStaged: Bool = false) throws(LedgerError) -> [QuotaUsage] {
        let filter = excludingStaged ? " AND path NOT IN (SELECT path FROM staged)" : ""
        return try read("read quota usage") { db in
            try Row.fetchAll(db, sql: """
                SELECT path, modality, submitted_at, bytes FROM verdicts
                WHERE contributor = ? AND verdict IN ('accepted', 'rejected', 'error')\(filter)
                """, arguments: [contributor]).map {
                QuotaUsage(path: $0["path"], modality: $0["modality"], time: $0["submitted_at"], bytes: $0["bytes"])
            }
        }
    }
}
