import Foundation

/// One file decided in a run, ready for the ledger.
public struct DecidedFile: Sendable {
    /// The ledger's row id of the file.
    public let id: Int64
    /// The submission.
    public let submission: Submission
    /// What analysis made of it (read facts and fresh findings are stored).
    public let analysis: FileAnalysis
    /// The verdict and whether it used quota.
    public let settled: Decider.Settled
    /// The verdict line.
    public let line: String
    /// The analysis fingerprint to record when the analysis is complete and reusable.
    public let analyzedUnder: String?

    /// A decided file ready to record.
    public init(id: Int64, submission: Submission, analysis: FileAnalysis, settled: Decider.Settled, line: String, analyzedUnder: String?) {
        self.id = id
        self.submission = submission
        self.analysis = analysis
        self.settled = settled
        self.line = line
        self.analyzedUnder = analyzedUnder
    }
}

extension Ledger {
    /// Files from `mark` on (after `after` when paging), in canonical order, with what earlier
    /// runs stored about them; `restore` decodes a stage's stored fingerprint.
    public func pendingFiles(from mark: StaleMark, after: CanonicalKey?, before: CanonicalKey? = nil, limit: Int,
                             restore: (String, [UInt8]) -> (any StageFingerprint)?) throws(LedgerError) -> [(id: Int64, work: FileWork)] {
        try read("read files to decide") { db in
            var arguments: [any SQLArgument] = [mark.key.submittedAt, mark.key.path, mark.key.root]
            var condition = mark.condition(after: true)
            if let after {
                condition += " AND (submitted_at, path, root) > (?, ?, ?)"
                arguments += [after.submittedAt, after.path, after.root] as [any SQLArgument]
            }
            if let before {
                condition += " AND (submitted_at, path, root) < (?, ?, ?)"
                arguments += [before.submittedAt, before.path, before.root] as [any SQLArgument]
            }
            arguments.append(limit)
            let rows = try db.fetchAll("""
                SELECT id, root, path, \(StoredPath.sql()) AS absolute_path, contributor, modality, submitted_at, bytes, stat, refusal,
                       read_stat, read_bytes, sha256, mime, admission
                FROM files WHERE \(condition) ORDER BY submitted_at, path, root LIMIT ?
                """, arguments)
            return try Self.works(rows, db, restore: restore)
        }
    }

    /// The files with ids `ids` (a batch of the work queue), in canonical order.
    public func files(ids: [Int64], restore: (String, [UInt8]) -> (any StageFingerprint)?) throws(LedgerError) -> [(id: Int64, work: FileWork)] {
        guard !ids.isEmpty else { return [] }
        return try read("read files to analyze") { db in
            let rows = try db.fetchAll("""
                SELECT id, root, path, \(StoredPath.sql()) AS absolute_path, contributor, modality, submitted_at, bytes, stat, refusal,
                       read_stat, read_bytes, sha256, mime, admission
                FROM files WHERE id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY submitted_at, path, root
                """)
            return try Self.works(rows, db, restore: restore)
        }
    }

    /// Work items for rows of `files`, with their stored findings.
    private static func works(_ rows: [SQLRow], _ db: any SQLSession,
                              restore: (String, [UInt8]) -> (any StageFingerprint)?) throws -> [(id: Int64, work: FileWork)] {
        var findings: [Int64: [String: StoredFinding]] = [:]
        if !rows.isEmpty {
            let ids = try rows.map { try $0["id"] as Int64 }
            let list = ids.map(String.init).joined(separator: ",")
            for row in try db.fetchAll("SELECT file_id, stage, stage_fingerprint, reasons, metrics, fingerprint FROM findings WHERE file_id IN (\(list))") {
                let stage: String = try row["stage"]
                let print: Data? = try row["fingerprint"]
                let finding = Finding(reasons: try StoredJSON.decode([Reason].self, try row["reasons"]),
                                      metrics: try StoredJSON.decode([String: Double].self, try row["metrics"]),
                                      fingerprint: print.flatMap { restore(stage, [UInt8]($0)) })
                findings[try row["file_id"], default: [:]][stage] = StoredFinding(stageFingerprint: try row["stage_fingerprint"], finding: finding)
            }
        }
        return try rows.map { row in
            let id: Int64 = try row["id"]
            let submission = Submission(root: try row["root"], path: try row["path"], absolutePath: try row["absolute_path"],
                                        contributor: try row["contributor"], modalityName: try row["modality"],
                                        submittedAt: try row["submitted_at"], bytes: try row["bytes"], stat: try row["stat"])
            let refusal = try (try row["refusal"] as String?).map { try StoredJSON.decode(Reason.self, $0) }
            var stored: StoredAnalysis?
            if let stat = try row["read_stat"] as String?, let sha = try row["sha256"] as String?, let mime = try row["mime"] as String? {
                stored = StoredAnalysis(stat: stat, bytes: try row["read_bytes"] ?? submission.bytes, sha256: sha, mime: mime,
                                        findings: findings[id] ?? [:])
            }
            let admission = try (try row["admission"] as String?).map { try AdmissionCoding.decode($0) }
            return (id, FileWork(submission: submission, refusal: refusal, stored: stored, admission: admission))
        }
    }

    /// The state row that counts the times index entries were deleted (see ``indexGeneration()``).
    static let indexGenerationState = "index_generation"

    /// A number that changes whenever index entries leave the ledger (files removed, or a stale
    /// mark that makes decide replay earlier files): an index kept in memory across runs
    /// (AssayCore's `DuplicateIndexCache`) is valid only while this stays the same. Entries that are only
    /// added after the index's end do not change it; they are loaded with `after:`.
    public func indexGeneration() throws(LedgerError) -> Int64 {
        try read("read the index generation") { db in try indexGeneration(db) }
    }

    func indexGeneration(_ db: any SQLSession) throws -> Int64 {
        Int64(try stateText(Self.indexGenerationState, db) ?? "0") ?? 0
    }

    /// Fills each index with its stage's entries of files before `mark`, in canonical order;
    /// with `after`, only those at or after that mark (the rest being in the index already).
    public func loadIndexes(_ indexes: [DuplicateIndex], after start: StaleMark? = nil, before mark: StaleMark?) throws(LedgerError) {
        for index in indexes {
            try read("load the \(index.stage) index") { db in
                var arguments: [any SQLArgument] = [index.stage]
                var condition = ""
                if let start {
                    condition += " AND " + start.condition(after: true)
                    arguments += [start.key.submittedAt, start.key.path, start.key.root] as [any SQLArgument]
                }
                if let mark {
                    condition += " AND " + mark.condition(after: false)
                    arguments += [mark.key.submittedAt, mark.key.path, mark.key.root] as [any SQLArgument]
                }
                try db.forEach("""
                    SELECT submitted_at, path, root, keys, fingerprint FROM index_entries
                    WHERE stage = ?\(condition) ORDER BY submitted_at, path, root
                    """, arguments) { row in
                    let keys: Data = try row["keys"]
                    let print: Data = try row["fingerprint"]
                    let key = try CanonicalKey(row)
                    index.load(DuplicateIndex.Entry(file: FileRef(root: key.root, path: key.path), key: key,
                                                    keys: IndexKeyCoding.unpack(keys), fingerprint: [UInt8](print)))
                }
            }
        }
    }

    /// Calls `each` with the usage of every file the ledger admitted with a submission time in
    /// `window` (by the size discovery saw, as ``decideAdmissions(from:open:admit:)`` counted
    /// it), in canonical order, before `mark` (when there is one), leaving out the files at the
    /// absolute paths `excluding` (`assay check --ledger` on files the ledger holds).
    public func admittedUsage(window: ClosedRange<Int64>, before mark: StaleMark?, excluding: Set<String> = [],
                              _ each: (QuotaUsage) -> Void) throws(LedgerError) {
        try read("read quota usage") { db in
            var condition = ""
            var arguments: [any SQLArgument] = [window.lowerBound, window.upperBound]
            if let mark {
                condition = " AND " + mark.condition(after: false, prefix: "f.")
                arguments += [mark.key.submittedAt, mark.key.path, mark.key.root] as [any SQLArgument]
            }
            try db.forEach("""
                SELECT f.contributor, f.modality, f.submitted_at, f.bytes, \(StoredPath.sql(prefix: "f.")) AS absolute_path FROM verdicts v JOIN files f ON f.id = v.file_id
                WHERE v.admitted = 1 AND f.submitted_at BETWEEN ? AND ?\(condition) ORDER BY f.submitted_at, f.path, f.root
                """, arguments) { row in
                if !excluding.isEmpty {
                    let path: String = try row[4]
                    guard !excluding.contains(path) else { return }
                }
                each(QuotaUsage(contributor: try row[0], modality: try row[1], time: try row[2], bytes: try row[3]))
            }
        }
    }

    /// The stale mark (nil when every verdict is current) and the decide fingerprint the ledger was
    /// last run with, for readers.
    public func decideState() throws(LedgerError) -> (mark: StaleMark?, decideFingerprint: String?) {
        try read("read the ledger's state") { db in (try staleMark(db), try stateText("decide_fingerprint", db)) }
    }

    /// Verdict rows per INSERT: 10 values each stays far below SQLite's and PostgreSQL's limits
    /// on bound values (32,766 and 65,535).
    static let verdictsPerStatement = 128

    /// Writes a batch of decided files, the index entries they added and the new stale mark, in
    /// one transaction.
    public func commit(_ batch: [DecidedFile], indexChanges: [(stage: String, entries: [DuplicateIndex.Entry])], mark: StaleMark?,
                       runID: Int64) throws(LedgerError) {
        try write("record verdicts") { db in
            // Files decided from stored findings (most of a re-run, all of a run with workers)
            // only have their analysis fingerprint set: one statement per fingerprint, not per
            // file, and the verdicts many rows a statement, since on PostgreSQL each statement is
            // a round trip.
            try recordAnalyses(batch.map { ($0.id, $0.submission, $0.analysis, $0.analyzedUnder) }, db)
            for start in stride(from: 0, to: batch.count, by: Self.verdictsPerStatement) {
                let rows = batch[start..<min(start + Self.verdictsPerStatement, batch.count)]
                var arguments: [any SQLArgument] = []
                arguments.reserveCapacity(rows.count * 10)
                for item in rows {
                    let v = item.settled.verdict
                    arguments += [item.id, runID, v.contributor, v.modality, v.submittedAt, v.bytes, v.verdict.rawValue,
                                  item.settled.admitted, v.reasons.map(\.code).joined(separator: " "), item.line] as [any SQLArgument]
                }
                try db.execute("""
                    INSERT INTO verdicts(file_id, run_id, contributor, modality, submitted_at, bytes, verdict, admitted, codes, line)
                    VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows.count).joined(separator: ", "))
                    ON CONFLICT(file_id) DO UPDATE SET run_id = excluded.run_id, contributor = excluded.contributor, modality = excluded.modality,
                      submitted_at = excluded.submitted_at, bytes = excluded.bytes, verdict = excluded.verdict, admitted = excluded.admitted,
                      codes = excluded.codes, line = excluded.line
                    """, arguments)
            }
            let insert = """
                INSERT INTO index_entries(stage, file_id, submitted_at, path, root, keys, fingerprint)
                SELECT ?, id, submitted_at, path, root, ?, ? FROM files WHERE root = ? AND path = ?
                ON CONFLICT(stage, file_id) DO UPDATE SET submitted_at = excluded.submitted_at, path = excluded.path, root = excluded.root,
                  keys = excluded.keys, fingerprint = excluded.fingerprint
                """
            for (stage, entries) in indexChanges {
                for entry in entries {
                    try db.execute(insert, [stage, IndexKeyCoding.pack(entry.keys), Data(entry.fingerprint), entry.file.root, entry.file.path])
                }
            }
            try setStaleMark(mark, db)
        }
    }

    /// Records what analysis learned of each file (what was read, the fresh findings, the
    /// analysis fingerprint when complete), as a run does with its verdicts and an `assay work`
    /// worker does for the run to decide from. A few statements for the whole batch, not a few
    /// per file: on PostgreSQL each statement is a round trip and a parse. Writing the same
    /// analyses twice changes nothing.
    func recordAnalyses(_ analyses: [(id: Int64, submission: Submission, analysis: FileAnalysis, analyzedUnder: String?)],
                        _ db: any SQLSession) throws {
        // PostgreSQL needs each value's type in a VALUES list (a NULL has none); SQLite needs none.
        let typed = store.backend == .postgres
        func row(_ types: [String]) -> String {
            "(" + types.map { typed ? "CAST(? AS \($0))" : "?" }.joined(separator: ", ") + ")"
        }
        let read = analyses.filter(\.analysis.read)
        for start in stride(from: 0, to: read.count, by: 256) {
            let chunk = read[start..<min(start + 256, read.count)]
            var arguments: [any SQLArgument] = []
            for item in chunk {
                let facts = item.analysis.mime != nil && item.analysis.sha256 != nil
                arguments += [item.id, facts ? item.submission.stat : nil, item.analysis.bytes, facts ? item.analysis.sha256 : nil,
                              item.analysis.mime, item.analyzedUnder] as [any SQLArgument]
            }
            let values = Array(repeating: row(["BIGINT", "TEXT", "BIGINT", "TEXT", "TEXT", "TEXT"]), count: chunk.count).joined(separator: ", ")
            try db.execute("""
                WITH v(id, read_stat, read_bytes, sha256, mime, analyzed_under) AS (VALUES \(values))
                UPDATE files SET read_stat = v.read_stat, read_bytes = v.read_bytes, sha256 = v.sha256, mime = v.mime,
                  analyzed_under = v.analyzed_under
                FROM v WHERE files.id = v.id
                """, arguments)
        }
        var unread: [String?: [Int64]] = [:]
        for item in analyses where !item.analysis.read { unread[item.analyzedUnder, default: []].append(item.id) }
        for (under, ids) in unread {
            try db.execute("UPDATE files SET analyzed_under = ? WHERE id IN (\(ids.map(String.init).joined(separator: ",")))", [under])
        }
        let stale = analyses.filter { $0.analysis.newContent || ($0.analysis.read && $0.analysis.sha256 == nil) }.map(\.id)
        if !stale.isEmpty { try db.execute("DELETE FROM findings WHERE file_id IN (\(stale.map(String.init).joined(separator: ",")))") }
        var rows: [[any SQLArgument]] = []
        for item in analyses {
            for fresh in item.analysis.fresh {
                rows.append([item.id, fresh.stage, fresh.stageFingerprint, try StoredJSON.encode(reasons: fresh.finding.reasons),
                             StoredJSON.encode(metrics: fresh.finding.metrics), fresh.finding.fingerprint.map { Data($0.encoded) }])
            }
        }
        for start in stride(from: 0, to: rows.count, by: 512) {
            let chunk = rows[start..<min(start + 512, rows.count)]
            let values = Array(repeating: row(["BIGINT", "TEXT", "TEXT", "TEXT", "TEXT", "BYTEA"]), count: chunk.count).joined(separator: ", ")
            // From a worker the file may be gone by now (a new run's discovery removed it).
            try db.execute("""
                WITH v(file_id, stage, stage_fingerprint, reasons, metrics, fingerprint) AS (VALUES \(values))
                INSERT INTO findings(file_id, stage, stage_fingerprint, reasons, metrics, fingerprint)
                SELECT v.file_id, v.stage, v.stage_fingerprint, v.reasons, v.metrics, v.fingerprint FROM v
                WHERE EXISTS (SELECT 1 FROM files f WHERE f.id = v.file_id)
                ON CONFLICT(file_id, stage) DO UPDATE SET stage_fingerprint = excluded.stage_fingerprint, reasons = excluded.reasons,
                  metrics = excluded.metrics, fingerprint = excluded.fingerprint
                """, chunk.flatMap { $0 })
        }
    }
}

extension Ledger {
    /// The number of files from `mark` on.
    public func countFiles(from mark: StaleMark) throws(LedgerError) -> Int {
        try read("count files") { db in
            try db.fetchOne("SELECT count(*) AS n FROM files WHERE \(mark.condition(after: true))",
                            [mark.key.submittedAt, mark.key.path, mark.key.root]).map { try $0["n"] as Int } ?? 0
        }
    }
}
