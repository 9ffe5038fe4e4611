import Foundation

/// What `assay export` asks the ledger.
extension Ledger {
    /// Accepted files that `selection` takes, in canonical order, passed to `body` one at a time
    /// (memory does not grow with the ledger). Verdicts from the stale mark on (a run stopped
    /// before deciding them) are left out: they are not current.
    public func forEachAccepted(_ selection: ExportSelection, _ body: (AcceptedFile) throws -> Void) throws(LedgerError) {
        try read("read accepted files") { db in
            var conditions = ["v.verdict = 'accepted'"]
            var arguments: [any SQLArgument] = []
            if let modality = selection.modality {
                conditions.append("v.modality = ?")
                arguments.append(modality.rawValue)
            }
            if let contributor = selection.contributor {
                conditions.append("v.contributor = ?")
                arguments.append(contributor)
            }
            if let since = selection.since {
                conditions.append("v.submitted_at >= ?")
                arguments.append(since)
            }
            if let mark = try staleMark(db) {
                conditions.append(mark.condition(after: false, prefix: "f."))
                arguments += [mark.key.submittedAt, mark.key.path, mark.key.root] as [any SQLArgument]
            }
            let decoder = JSONDecoder()
            try db.forEach("""
                SELECT v.line, \(StoredPath.sql(prefix: "f.")) AS absolute_path, coalesce(f.read_stat, f.stat) AS read_stat FROM verdicts v JOIN files f ON f.id = v.file_id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY f.submitted_at, f.path, f.root
                """, arguments) { row in
                let line: String = try row["line"]
                let verdict = try decoder.decode(Verdict.self, from: Data(line.utf8))
                try body(AcceptedFile(verdict: verdict, line: line, absolutePath: try row["absolute_path"], readStat: try row["read_stat"]))
            }
        }
    }

    /// The fingerprint of the rules the ledger's verdicts were decided under, if any run recorded one.
    public func decideFingerprint() throws(LedgerError) -> String? {
        try read("read the ledger's state") { db in try stateText("decide_fingerprint", db) }
    }
}
