import Foundation
import GRDB

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
}

extension Ledger {
    /// Files from `mark` on (after `after` when paging), in canonical order, with what earlier
    /// runs stored about them; `restore` decodes a stage's stored fingerprint.
    public func pendingFiles(from mark: StaleMark, after: CanonicalKey?, limit: Int,
                             restore: (String, [UInt8]) -> (any StageFingerprint)?) throws(LedgerError) -> [(id: Int64, work: FileWork)] {
        try read("read files to decide") { db in
            var arguments: StatementArguments = [mark.key.submittedAt, mark.key.path, mark.key.root]
            var condition = mark.condition(after: true)
            if let after {
                condition += " AND (submitted_at, path, root) > (?, ?, ?)"
                arguments += [after.submittedAt, after.path, after.root]
            }
            arguments += [limit]
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, root, path, absolute_path, contributor, modality, submitted_at, bytes, stat, refusal,
                       read_stat, read_bytes, sha256, mime
                FROM files WHERE \(condition) ORDER BY submitted_at, path, root LIMIT ?
                """, arguments: arguments)
            var findings: [Int64: [String: StoredFinding]] = [:]
            if !rows.isEmpty {
                let ids = rows.map { $0["id"] as Int64 }
                let list = ids.map(String.init).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT file_id, stage, stage_fingerprint, reasons, metrics, fingerprint FROM findings WHERE file_id IN (\(list))") {
                    let stage: String = row["stage"]
                    let print: Data? = row["fingerprint"]
                    let finding = Finding(reasons: try StoredJSON.decode([Reason].self, row["reasons"]),
                                          metrics: try StoredJSON.decode([String: Double].self, row["metrics"]),
                                          fingerprint: print.flatMap { restore(stage, [UInt8]($0)) })
                    findings[row["file_id"], default: [:]][stage] = StoredFinding(stageFingerprint: row["stage_fingerprint"], finding: finding)
                }
            }
            return try rows.map { row in
                let id: Int64 = row["id"]
                let submission = Submission(root: row["root"], path: row["path"], absolutePath: row["absolute_path"],
                                            contributor: row["contributor"], modalityName: row["modality"],
                                            submittedAt: row["submitted_at"], bytes: row["bytes"], stat: row["stat"])
                let refusal = try (row["refusal"] as String?).map { try StoredJSON.decode(Reason.self, $0) }
                var stored: StoredAnalysis?
                if let stat = row["read_stat"] as String?, let sha = row["sha256"] as String?, let mime = row["mime"] as String? {
                    stored = StoredAnalysis(stat: stat, bytes: row["read_bytes"] ?? submission.bytes, sha256: sha, mime: mime,
                                            findings: findings[id] ?? [:])
                }
                return (id, FileWork(submission: submission, refusal: refusal, stored: stored))
            }
        }
    }

    /// Fills each stateful stage's index with the entries of files before `mark`, in canonical order.
    public func loadIndexes(_ decider: Decider, before mark: StaleMark?) throws(LedgerError) {
        for index in decider.indexes.compactMap({ $0 }) {
            try read("load the \(index.stage) index") { db in
                var arguments: StatementArguments = [index.stage]
                var condition = ""
                if let mark {
                    condition = " AND " + mark.condition(after: false)
                    arguments += [mark.key.submittedAt, mark.key.path, mark.key.root]
                }
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT submitted_at, path, root, keys, fingerprint FROM index_entries
                    WHERE stage = ?\(condition) ORDER BY submitted_at, path, root
                    """, arguments: arguments)
                while let row = try rows.next() {
                    let keys: Data = row["keys"]
                    let print: Data = row["fingerprint"]
                    let key = CanonicalKey(submittedAt: row["submitted_at"], path: row["path"], root: row["root"])
                    index.load(DuplicateIndex.Entry(file: FileRef(root: key.root, path: key.path), key: key,
                                                    keys: IndexKeyCoding.unpack(keys), fingerprint: [UInt8](print)))
                }
            }
        }
    }

    /// Counts in the decider's quotas the files admitted before `mark` whose time falls in the
    /// quota window of the mark's time (older files cannot matter: decide goes forward in time).
    public func seedQuota(_ decider: Decider, before mark: StaleMark) throws(LedgerError) {
        guard mark.key.submittedAt > Int64.min else { return }
        try seedQuota(decider, window: decider.quota.windowStart(for: mark.key.submittedAt)...Int64.max, before: mark)
    }

    /// Counts in the decider's quotas the files the ledger admitted with submission times in
    /// `window`, in canonical order, before `mark` (when there is one), leaving out the files at
    /// the absolute paths `excluding` (`assay check --ledger` on files the ledger holds).
    public func seedQuota(_ decider: Decider, window: ClosedRange<Int64>, before mark: StaleMark?,
                          excluding: Set<String> = []) throws(LedgerError) {
        try read("read quota usage") { db in
            var condition = ""
            var arguments: StatementArguments = [window.lowerBound, window.upperBound]
            if let mark {
                condition = " AND " + mark.condition(after: false, prefix: "f.")
                arguments += [mark.key.submittedAt, mark.key.path, mark.key.root]
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.contributor, f.modality, f.submitted_at, v.bytes, f.absolute_path FROM verdicts v JOIN files f ON f.id = v.file_id
                WHERE v.admitted = 1 AND f.submitted_at BETWEEN ? AND ?\(condition) ORDER BY f.submitted_at, f.path, f.root
                """, arguments: arguments)
            while let row = try rows.next() {
                guard excluding.isEmpty || !excluding.contains(row[4] as String) else { continue }
                decider.quota.seed(QuotaUsage(contributor: row[0], modality: row[1], time: row[2], bytes: row[3]))
            }
        }
    }

    /// The stale mark (nil when every verdict is current) and the decide fingerprint the ledger was
    /// last run with, for readers.
    public func decideState() throws(LedgerError) -> (mark: StaleMark?, decideFingerprint: String?) {
        try read("read the ledger's state") { db in (try staleMark(db), try stateText("decide_fingerprint", db)) }
    }

    /// Writes a batch of decided files, the index entries they added and the new stale mark, in
    /// one transaction.
    public func commit(_ batch: [DecidedFile], indexChanges: [(stage: String, entries: [DuplicateIndex.Entry])], mark: StaleMark?,
                       runID: Int64) throws(LedgerError) {
        try write("record verdicts") { db in
            let updateRead = try db.cachedStatement(sql: """
                UPDATE files SET read_stat = ?, read_bytes = ?, sha256 = ?, mime = ?, analyzed_under = ? WHERE id = ?
                """)
            let dropFindings = try db.cachedStatement(sql: "DELETE FROM findings WHERE file_id = ?")
            let updateAnalyzed = try db.cachedStatement(sql: "UPDATE files SET analyzed_under = ? WHERE id = ?")
            let upsertFinding = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO findings(file_id, stage, stage_fingerprint, reasons, metrics, fingerprint) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let upsertVerdict = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO verdicts(file_id, run_id, contributor, modality, submitted_at, bytes, verdict, admitted, codes, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in batch {
                let analysis = item.analysis
                if analysis.read {
                    let facts = analysis.mime != nil && analysis.sha256 != nil
                    try updateRead.execute(arguments: [facts ? item.submission.stat : nil, analysis.bytes, facts ? analysis.sha256 : nil,
                                                       analysis.mime, item.analyzedUnder, item.id])
                } else {
                    try updateAnalyzed.execute(arguments: [item.analyzedUnder, item.id])
                }
                if analysis.newContent || (analysis.read && analysis.sha256 == nil) { try dropFindings.execute(arguments: [item.id]) }
                for fresh in analysis.fresh {
                    try upsertFinding.execute(arguments: [item.id, fresh.stage, fresh.stageFingerprint, try StoredJSON.encode(fresh.finding.reasons),
                                                          try StoredJSON.encode(fresh.finding.metrics),
                                                          fresh.finding.fingerprint.map { Data($0.encoded) }])
                }
                let v = item.settled.verdict
                try upsertVerdict.execute(arguments: [item.id, runID, v.contributor, v.modality, v.submittedAt, v.bytes, v.verdict.rawValue,
                                                      item.settled.admitted, v.reasons.map(\.code).joined(separator: " "), item.line])
            }
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO index_entries(stage, file_id, submitted_at, path, root, keys, fingerprint)
                SELECT ?, id, submitted_at, path, root, ?, ? FROM files WHERE root = ? AND path = ?
                """)
            for (stage, entries) in indexChanges {
                for entry in entries {
                    try insert.execute(arguments: [stage, IndexKeyCoding.pack(entry.keys), Data(entry.fingerprint), entry.file.root, entry.file.path])
                }
            }
            try setStaleMark(mark, db)
        }
    }
}

extension Ledger {
    /// The number of files from `mark` on.
    public func countFiles(from mark: StaleMark) throws(LedgerError) -> Int {
        try read("count files") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE \(mark.condition(after: true))",
                             arguments: [mark.key.submittedAt, mark.key.path, mark.key.root]) ?? 0
        }
    }
}
