import Foundation
import GRDB

/// The ledger: an SQLite database (through GRDB, WAL mode) holding one datanet's files, their
/// stored findings, their verdicts, the duplicate indexes of stateful stages and the runs.
///
/// Invariant: for every file before the stale mark (``StaleMark``), the verdict, the index entries
/// and the quota usage recorded are those one fresh run with the last config over the current
/// files would give. A run moves the mark back to the first file whose inputs changed, replays
/// decide from there and moves it forward in the same transaction as each batch of verdicts, so a
/// run killed at any point leaves a ledger the next run completes.
public final class Ledger: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens (and creates or migrates) the ledger at `path`; with `readOnly` the file is only read
    /// (it must exist) and nothing in it or next to it is changed.
    public init(path: String, readOnly: Bool = false) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA temp_store = FILE")
            }
        }
        do {
            if readOnly {
                guard FileManager.default.fileExists(atPath: path) else { throw LedgerError("\(path): no ledger there; run `assay run` first") }
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if readOnly, try queue.read({ db in try !db.tableExists("files") }) {
                throw LedgerError("\(path): this ledger was written by an older Assay; run `assay run` on it once to upgrade it")
            }
            if !readOnly {
                try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                try LedgerSchema.migrator.migrate(queue)
            }
        } catch let error as LedgerError {
            throw error
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

    /// Marks a run ended (`completed`, `interrupted`, `failed`) with its counts.
    public func finishRun(_ id: Int64, status: RunStatus, found: Int, analyzed: Int, decided: Int) throws(LedgerError) {
        try write("finish the run") { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, status = ?, files_found = ?, files_judged = ?, files_analyzed = ?, files_decided = ?
                WHERE id = ?
                """, arguments: [RFC3339.format(Int64(Date().timeIntervalSince1970)), status.rawValue, found, analyzed, analyzed, decided, id])
        }
    }

    /// Marks runs still `running` as `killed`: called under the run lock, when none can be alive.
    public func markAbandonedRuns() throws(LedgerError) {
        try write("mark killed runs") { db in
            try db.execute(sql: "UPDATE runs SET status = 'killed' WHERE status = 'running'")
        }
    }

    // MARK: State

    /// The stale mark, nil when every verdict is current.
    func staleMark(_ db: Database) throws -> StaleMark? {
        guard let row = try Row.fetchOne(db, sql: "SELECT submitted_at, path, root, inclusive FROM state WHERE name = 'stale'") else { return nil }
        return StaleMark(key: CanonicalKey(submittedAt: row["submitted_at"], path: row["path"], root: row["root"]), inclusive: row["inclusive"])
    }

    /// Stores the stale mark (nil: nothing stale).
    func setStaleMark(_ mark: StaleMark?, _ db: Database) throws {
        guard let mark else {
            try db.execute(sql: "DELETE FROM state WHERE name = 'stale'")
            return
        }
        try db.execute(sql: "INSERT OR REPLACE INTO state(name, submitted_at, path, root, inclusive) VALUES ('stale', ?, ?, ?, ?)",
                       arguments: [mark.key.submittedAt, mark.key.path, mark.key.root, mark.inclusive])
    }

    /// A text value of the state table.
    func stateText(_ name: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT text FROM state WHERE name = ?", arguments: [name])
    }

    /// Stores a text value of the state table.
    func setStateText(_ name: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO state(name, text) VALUES (?, ?)", arguments: [name, value])
    }
}

/// How a run ended, as `assay runs` shows it.
public enum RunStatus: String, Sendable, Codable {
    /// Still going, or killed without a chance to say so.
    case running
    /// Every file decided.
    case completed
    /// Stopped by SIGINT or SIGTERM after recording the batch in hand; the next run resumes.
    case interrupted
    /// Stopped by an error (the ledger or the verdicts file could not be written).
    case failed
    /// Ended without a word (SIGKILL, a crash, a power cut); found by the next run. Its work is
    /// kept: the next run resumes from the stale mark.
    case killed
}
