import GRDB

/// Read-only questions the ranker and the report ask the ledger.
extension Ledger {
    /// Verdict counts per contributor, optionally for one modality and from a day on.
    public func tallies(modality: String? = nil, since: Int64? = nil, runID: Int64? = nil) throws(LedgerError) -> [ContributorTally] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let modality {
            conditions.append("modality = ?")
            arguments.append(modality)
        }
        if let since {
            conditions.append("submitted_at >= ?")
            arguments.append(since)
        }
        if let runID {
            conditions.append("run_id = ?")
            arguments.append(runID)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read("count verdicts") { db in
            try Row.fetchAll(db, sql: """
                SELECT contributor,
                  sum(verdict = 'accepted') AS accepted, sum(verdict = 'rejected') AS rejected,
                  sum(verdict = 'refused') AS refused, sum(verdict = 'error') AS errors
                FROM verdicts \(filter) GROUP BY contributor ORDER BY contributor
                """, arguments: StatementArguments(arguments)).map {
                ContributorTally(contributor: $0["contributor"], accepted: $0["accepted"], rejected: $0["rejected"],
                                 refused: $0["refused"], errors: $0["errors"])
            }
        }
    }

    /// Verdict lines, oldest submission first, for one run or for the whole ledger.
    public func verdictLines(runID: Int64? = nil) throws(LedgerError) -> [String] {
        try read("read verdicts") { db in
            if let runID {
                return try String.fetchAll(db, sql: "SELECT line FROM verdicts WHERE run_id = ? ORDER BY submitted_at, path", arguments: [runID])
            }
            return try String.fetchAll(db, sql: "SELECT line FROM verdicts ORDER BY submitted_at, path")
        }
    }

    /// The stage names of a run's pipeline (the latest run when `runID` is nil), and its id.
    public func runStages(runID: Int64? = nil) throws(LedgerError) -> (id: Int64, stages: [String])? {
        try read("read runs") { db in
            let row = runID == nil
                ? try Row.fetchOne(db, sql: "SELECT id, stages FROM runs ORDER BY id DESC LIMIT 1")
                : try Row.fetchOne(db, sql: "SELECT id, stages FROM runs WHERE id = ?", arguments: [runID])
            guard let row else { return nil }
            let stages: String = row["stages"] ?? ""
            return (row["id"], stages.split(separator: " ").map(String.init))
        }
    }
}
