import Foundation

/// The work queue of a PostgreSQL ledger: one run's files to analyze, cut into batches in
/// canonical order, leased by `assay work` processes (and the run's own threads) with
/// `FOR UPDATE SKIP LOCKED`. A worker writes a batch's findings and marks it done in one
/// transaction; a lease that runs out (its worker died) is taken by the next worker to ask.
/// The run decides in canonical order up to the first batch not done (``frontier(run:)``).
public struct WorkQueue: Sendable {
    /// What the run that owns the queue announces to workers (the `queue` row of `state`).
    public struct Announcement: Codable, Sendable, Equatable {
        /// Where the run is: `staging` (discovering files), `analyzing` (batches to lease), `finished`.
        public var phase: String
        /// The run's id.
        public var run: Int64
        /// The analysis fingerprint per modality the run decides under: a worker whose config
        /// gives other fingerprints would write findings the run cannot use, so it stops.
        public var fingerprints: [String: String]
        /// True when the run was asked to `--retry-errors`: workers run timed-out stages again.
        public var retryErrors: Bool?

        /// An announcement of `run` in `phase`.
        public init(phase: String, run: Int64, fingerprints: [String: String], retryErrors: Bool? = nil) {
            self.phase = phase
            self.run = run
            self.fingerprints = fingerprints
            self.retryErrors = retryErrors
        }
    }

    /// A leased batch.
    public struct Lease: Sendable {
        /// The run it belongs to.
        public let run: Int64
        /// Its place in canonical order.
        public let seq: Int64
        /// The files' ledger ids.
        public let ids: [Int64]
    }

    /// The ledger (its store must be PostgreSQL).
    public let ledger: Ledger

    /// The queue of `ledger`, or nil for a ledger that cannot share work between machines (SQLite).
    public static func of(_ ledger: Ledger) -> WorkQueue? {
        ledger.store.backend == .postgres ? WorkQueue(shared: ledger) : nil
    }

    /// The queue of `ledger`; throws unless the ledger is in PostgreSQL.
    public init(ledger: Ledger) throws(LedgerError) {
        guard ledger.store.backend == .postgres else {
            throw LedgerError("\(ledger.path): workers share a PostgreSQL ledger; give --ledger postgres://USER@HOST:PORT/DATABASE")
        }
        self.init(shared: ledger)
    }

    private init(shared ledger: Ledger) {
        self.ledger = ledger
    }

    /// The run's announcement, nil before any run announced one.
    public func announcement() throws(LedgerError) -> Announcement? {
        try ledger.read("read the work queue") { db in
            guard let text = try ledger.stateText("queue", db) else { return nil }
            return try StoredJSON.decode(Announcement.self, text)
        }
    }

    /// Announces `phase` for `run`.
    public func announce(_ announcement: Announcement) throws(LedgerError) {
        try ledger.write("announce the run to workers") { db in
            try ledger.setStateText("queue", try StoredJSON.encode(announcement), db)
        }
    }

    /// Replaces the queue with the files from `mark` on that need analysis under `fingerprints`
    /// (never read, changed since, or read under other rules), `batchSize` files a batch, and
    /// announces the run as analyzing. Returns the number of files queued.
    @discardableResult
    public func fill(run: Int64, from mark: StaleMark, fingerprints: [Modality: String], batchSize: Int,
                     retryErrors: Bool = false) throws(LedgerError) -> Int {
        try ledger.write("fill the work queue") { db in
            try db.execute("DELETE FROM work_items")
            try db.execute("DELETE FROM work_batches")
            let modalities = Modality.allCases
            let cases = modalities.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
            var arguments: [any SQLArgument] = [run, Int64(batchSize)]
            for modality in modalities { arguments += [modality.rawValue, fingerprints[modality]] as [any SQLArgument] }
            arguments += [mark.key.submittedAt, mark.key.path, mark.key.root] as [any SQLArgument]
            arguments += modalities.map(\.rawValue) as [any SQLArgument]
            let queued = try db.execute("""
                INSERT INTO work_items(run_id, seq, file_id)
                SELECT ?, (n - 1) / ?, id FROM (
                  SELECT id, row_number() OVER (ORDER BY submitted_at, path, root) AS n FROM files
                  WHERE (read_stat IS DISTINCT FROM stat OR analyzed_under IS DISTINCT FROM (CASE modality \(cases) END))
                    AND refusal IS NULL AND admission IS NULL AND \(mark.condition(after: true))
                    AND modality IN (\(modalities.map { _ in "?" }.joined(separator: ", ")))) AS t
                """, arguments)
            try db.execute("""
                INSERT INTO work_batches(run_id, seq, first_submitted_at, first_path, first_root, files)
                SELECT DISTINCT ON (i.seq) i.run_id, i.seq, f.submitted_at, f.path, f.root, count(*) OVER (PARTITION BY i.seq)
                FROM work_items i JOIN files f ON f.id = i.file_id WHERE i.run_id = ? ORDER BY i.seq, f.submitted_at, f.path, f.root
                """, [run])
            let announcement = Announcement(phase: "analyzing", run: run,
                                            fingerprints: Dictionary(uniqueKeysWithValues: fingerprints.map { ($0.key.rawValue, $0.value) }),
                                            retryErrors: retryErrors ? true : nil)
            try ledger.setStateText("queue", try StoredJSON.encode(announcement), db)
            return queued
        }
    }

    /// Leases the first batch of `run` that is not done and not leased (or whose lease ran out)
    /// to `worker` for `seconds`; nil when there is none to take now.
    public func lease(run: Int64, worker: String, seconds: Double) throws(LedgerError) -> Lease? {
        try ledger.write("lease a batch") { db in
            guard let row = try db.fetchOne("""
                UPDATE work_batches SET leased_by = ?, leased_until = now() + make_interval(secs => ?), attempts = attempts + 1
                WHERE (run_id, seq) = (SELECT run_id, seq FROM work_batches
                                       WHERE run_id = ? AND done = 0 AND (leased_until IS NULL OR leased_until < now())
                                       ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING seq
                """, [worker, seconds, run]) else { return nil }
            let seq: Int64 = try row["seq"]
            let ids = try db.fetchAll("SELECT file_id FROM work_items WHERE run_id = ? AND seq = ? ORDER BY file_id", [run, seq]).map { try $0[0] as Int64 }
            return Lease(run: run, seq: seq, ids: ids)
        }
    }

    /// Records the analyses of a leased batch and marks it done, in one transaction. A batch
    /// another worker finished first (this lease ran out) is recorded again to the same effect.
    public func complete(_ lease: Lease, worker: String,
                         analyses: [(id: Int64, submission: Submission, analysis: FileAnalysis, analyzedUnder: String?)]) throws(LedgerError) {
        try ledger.write("record a batch's findings") { db in
            try ledger.recordAnalyses(analyses, db)
            let marked = try db.execute("UPDATE work_batches SET done = 1, leased_until = NULL WHERE run_id = ? AND seq = ? AND done = 0",
                                        [lease.run, lease.seq])
            try db.execute("UPDATE workers SET files = files + ?, last_seen = now(), run_id = ? WHERE id = ?",
                           [marked == 1 ? Int64(analyses.count) : 0, lease.run, worker])
        }
    }

    /// The first file of the first batch of `run` not yet done: the run decides every file
    /// before it. Nil when every batch is done.
    public func frontier(run: Int64) throws(LedgerError) -> CanonicalKey? {
        try ledger.read("read the work queue") { db in
            try db.fetchOne("""
                SELECT first_submitted_at, first_path, first_root FROM work_batches WHERE run_id = ? AND done = 0 ORDER BY seq LIMIT 1
                """, [run]).map { row in
                CanonicalKey(submittedAt: try row[0], path: try row[1], root: try row[2])
            }
        }
    }

    /// Whether any batch of `run` is still to be done (leased or not).
    public func hasOpenBatches(run: Int64) throws(LedgerError) -> Bool {
        try frontier(run: run) != nil
    }

    /// Files analyzed so far by every worker of `run`, and the workers heard from within `seconds`.
    public func progress(run: Int64, aliveWithin seconds: Double) throws(LedgerError) -> (analyzed: Int, workers: Int) {
        try ledger.read("read the work queue") { db in
            let analyzed = try db.fetchOne("SELECT coalesce(sum(files), 0) AS n FROM work_batches WHERE run_id = ? AND done = 1", [run])
                .map { try $0["n"] as Int } ?? 0
            let workers = try db.fetchOne("""
                SELECT count(*) AS n FROM workers WHERE run_id = ? AND last_seen > now() - make_interval(secs => ?)
                """, [run, seconds]).map { try $0["n"] as Int } ?? 0
            return (analyzed, workers)
        }
    }

    /// Records that `worker` (on `host`, process `pid`) is alive and working for `run`.
    public func heartbeat(worker: String, host: String, pid: Int, run: Int64?) throws(LedgerError) {
        try ledger.write("record a worker's heartbeat") { db in
            try db.execute("""
                INSERT INTO workers(id, run_id, host, pid) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET last_seen = now(), run_id = excluded.run_id
                """, [worker, run, host, pid])
        }
    }

    /// Whether a run holds the decide lock now (its connection is alive).
    public func runIsAlive() throws(LedgerError) -> Bool {
        try ledger.read("look for the run") { db in
            try db.fetchOne("""
                SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
                  AND ((classid::bigint << 32) | objid::bigint) = ?
                """, [PostgresLedgerStore.runLockKey]).map { try $0["n"] as Int } ?? 0 > 0
        }
    }

    /// Ends `run`'s queue: announces it finished and drops its batches.
    public func finish(run: Int64) throws(LedgerError) {
        try ledger.write("close the work queue") { db in
            try db.execute("DELETE FROM work_items WHERE run_id = ?", [run])
            try db.execute("DELETE FROM work_batches WHERE run_id = ?", [run])
            if let text = try ledger.stateText("queue", db) {
                var announcement = try StoredJSON.decode(Announcement.self, text)
                if announcement.run == run {
                    announcement.phase = "finished"
                    try ledger.setStateText("queue", try StoredJSON.encode(announcement), db)
                }
            }
        }
    }
}
