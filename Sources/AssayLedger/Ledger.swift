import Foundation

/// The ledger: one datanet's files, their stored findings, their verdicts, the duplicate indexes
/// of stateful stages and the runs, in a ``LedgerStore`` (an SQLite file by default, or a
/// PostgreSQL database shared by workers). Its logic is written once over the store's SQL.
///
/// Invariant: for every file before the stale mark (``StaleMark``), the verdict, the index entries
/// and the quota usage recorded are those one fresh run with the last config over the current
/// files would give. A run moves the mark back to the first file whose inputs changed, replays
/// decide from there and moves it forward in the same transaction as each batch of verdicts, so a
/// run killed at any point leaves a ledger the next run completes.
public final class Ledger: Sendable {
    /// Where the tables live.
    public let store: any LedgerStore

    /// What messages call the ledger: its file path or PostgreSQL address.
    public var path: String { store.location }

    /// Opens (and creates or migrates) the ledger `address` names (``LedgerAddress``: a path,
    /// `sqlite:PATH` or `postgres://…`); with `readOnly` nothing in it is changed.
    public convenience init(path address: String, readOnly: Bool = false) throws(LedgerError) {
        switch try LedgerAddress(address) {
        case let .sqlite(path): self.init(store: try SQLiteLedgerStore(path: path, readOnly: readOnly))
        case let .postgres(postgres): self.init(store: try PostgresLedgerStore(address: postgres, readOnly: readOnly))
        }
    }

    /// A ledger over `store`.
    public init(store: any LedgerStore) {
        self.store = store
    }

    /// Runs `body` in a write transaction, mapping database errors.
    @discardableResult
    func write<T>(_ what: String, _ body: (any SQLSession) throws -> T) throws(LedgerError) -> T {
        do {
            return try store.write(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError("\(path): cannot \(what): \(describe(error))")
        }
    }

    /// Runs `body` for reading, mapping database errors.
    func read<T>(_ what: String, _ body: (any SQLSession) throws -> T) throws(LedgerError) -> T {
        do {
            return try store.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError("\(path): cannot \(what): \(describe(error))")
        }
    }

    /// A database error as a person reads it, in the words of the store's own driver.
    func describe(_ error: any Error) -> String {
        store.describe(error)
    }

    // MARK: Runs

    /// Records the start of a run and returns its id.
    public func beginRun(fingerprint: String, config: String?, roots: [String], jobs: Int, stages: [String]) throws(LedgerError) -> Int64 {
        try write("start a run") { db in
            let row = try db.fetchOne("""
                INSERT INTO runs(started_at, fingerprint, config, roots, jobs, stages, status) VALUES (?, ?, ?, ?, ?, ?, 'running')
                RETURNING id
                """, [RFC3339.format(Int64(Date().timeIntervalSince1970)), fingerprint, config, roots.joined(separator: "\n"), jobs,
                      stages.joined(separator: " ")])
            guard let row else { throw LedgerError("\(path): the new run got no id") }
            return try row["id"] as Int64
        }
    }

    /// Marks a run ended (`completed`, `interrupted`, `failed`) with its counts.
    public func finishRun(_ id: Int64, status: RunStatus, found: Int, analyzed: Int, decided: Int) throws(LedgerError) {
        try write("finish the run") { db in
            try db.execute("""
                UPDATE runs SET finished_at = ?, status = ?, files_found = ?, files_judged = ?, files_analyzed = ?, files_decided = ?
                WHERE id = ?
                """, [RFC3339.format(Int64(Date().timeIntervalSince1970)), status.rawValue, found, analyzed, analyzed, decided, id])
        }
    }

    /// Marks runs still `running` as `killed`: called under the run lock, when none can be alive.
    public func markAbandonedRuns() throws(LedgerError) {
        try write("mark killed runs") { db in
            try db.execute("UPDATE runs SET status = 'killed' WHERE status = 'running'")
        }
    }

    // MARK: State

    /// The stale mark, nil when every verdict is current.
    func staleMark(_ db: any SQLSession) throws -> StaleMark? {
        guard let row = try db.fetchOne("SELECT submitted_at, path, root, inclusive FROM state WHERE name = 'stale'") else { return nil }
        return StaleMark(key: try CanonicalKey(row), inclusive: try row["inclusive"])
    }

    /// Stores the stale mark (nil: nothing stale).
    func setStaleMark(_ mark: StaleMark?, _ db: any SQLSession) throws {
        guard let mark else {
            try db.execute("DELETE FROM state WHERE name = 'stale'")
            return
        }
        try db.execute("""
            INSERT INTO state(name, submitted_at, path, root, inclusive) VALUES ('stale', ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET submitted_at = excluded.submitted_at, path = excluded.path, root = excluded.root,
              inclusive = excluded.inclusive
            """, [mark.key.submittedAt, mark.key.path, mark.key.root, mark.inclusive])
    }

    /// A text value of the state table.
    func stateText(_ name: String, _ db: any SQLSession) throws -> String? {
        try db.fetchOne("SELECT text FROM state WHERE name = ?", [name]).flatMap { try $0["text"] as String? }
    }

    /// Stores a text value of the state table.
    func setStateText(_ name: String, _ value: String, _ db: any SQLSession) throws {
        try db.execute("INSERT INTO state(name, text) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET text = excluded.text", [name, value])
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
