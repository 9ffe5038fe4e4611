import Foundation

/// Read-only questions the ranker and the report ask the ledger.
extension Ledger {
    /// Verdict counts per contributor, optionally for one modality and from a day on.
    public func tallies(modality: String? = nil, since: Int64? = nil, runID: Int64? = nil) throws(LedgerError) -> [ContributorTally] {
        var conditions: [String] = []
        var arguments: [any SQLArgument] = []
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
            let tallies = try db.fetchAll("""
                SELECT contributor,
                  sum(CASE WHEN verdict = 'accepted' THEN 1 ELSE 0 END) AS accepted, sum(CASE WHEN verdict = 'rejected' THEN 1 ELSE 0 END) AS rejected,
                  sum(CASE WHEN verdict = 'refused' THEN 1 ELSE 0 END) AS refused, sum(CASE WHEN verdict = 'error' THEN 1 ELSE 0 END) AS errors
                FROM verdicts \(filter) GROUP BY contributor ORDER BY contributor
                """, arguments).map {
                ContributorTally(contributor: try $0["contributor"], accepted: try $0["accepted"], rejected: try $0["rejected"],
                                 refused: try $0["refused"], errors: try $0["errors"])
            }
            // Rejected copies of another contributor's file: the copied file's row names its contributor.
            let field = { (key: String) in
                self.store.backend == .postgres ? "(CASE WHEN v.line <> '' THEN v.line::json ->> '\(key)' END)"
                    : "(CASE WHEN v.line <> '' THEN json_extract(v.line, '$.\(key)') END)"
            }
            let copyFilter = (conditions.map { "v." + $0 } + ["v.verdict = 'rejected'", "v.line <> ''", "v.line LIKE '%\"duplicate_of\":\"%'"]).joined(separator: " AND ")
            var copies: [String: Int] = [:]
            for row in try db.fetchAll("""
                SELECT v.contributor AS contributor, count(*) AS n FROM verdicts v
                JOIN files d ON d.path = \(field("duplicate_of")) AND d.root = \(field("duplicate_of_root"))
                WHERE \(copyFilter) AND d.contributor <> v.contributor GROUP BY v.contributor
                """, arguments) {
                copies[try row["contributor"]] = try row["n"]
            }
            return tallies.map { tally in
                var counted = tally
                counted.copiesOfOthers = copies[tally.contributor] ?? 0
                return counted
            }
        }
    }

    /// Verdict lines in canonical order, for one run or for the whole ledger, passed to `body`
    /// one at a time (memory does not grow with the ledger). With `currentOnly`, lines from the
    /// stale mark on (a run stopped before deciding them) are left out.
    public func forEachVerdictLine(runID: Int64? = nil, currentOnly: Bool = false, _ body: (String) throws -> Void) throws(LedgerError) {
        try read("read verdicts") { db in
            var conditions: [String] = []
            var arguments: [any SQLArgument] = []
            if let runID {
                conditions.append("v.run_id = ?")
                arguments.append(runID)
            }
            if currentOnly, let mark = try staleMark(db) {
                conditions.append(mark.condition(after: false, prefix: "f."))
                arguments += [mark.key.submittedAt, mark.key.path, mark.key.root]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            // A file refused before reading has no stored line: its row and refusal make it.
            try db.forEach("""
                SELECT v.line, v.codes, f.root, f.path, f.contributor, f.modality, f.submitted_at, f.bytes, f.refusal, f.admission
                FROM verdicts v JOIN files f ON f.id = v.file_id\(filter) ORDER BY f.submitted_at, f.path, f.root
                """, arguments) { row in try body(try Self.verdictLine(row)) }
        }
    }

    /// The current verdict lines of the files at `paths` under `root`, by path; a file not
    /// decided yet (or not in the ledger) has none. Lines from the stale mark on are left out.
    public func verdictLines(root: String, paths: [String]) throws(LedgerError) -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        return try read("read verdicts") { db in
            let mark = try staleMark(db)
            var lines: [String: String] = [:]
            for start in stride(from: 0, to: paths.count, by: 256) {
                let chunk = Array(paths[start..<min(start + 256, paths.count)])
                var condition = "f.root = ? AND f.path IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ", ")))"
                var arguments: [any SQLArgument] = [root] + chunk
                if let mark {
                    condition += " AND " + mark.condition(after: false, prefix: "f.")
                    arguments += [mark.key.submittedAt, mark.key.path, mark.key.root] as [any SQLArgument]
                }
                for row in try db.fetchAll("""
                    SELECT v.line, v.codes, f.root, f.path, f.contributor, f.modality, f.submitted_at, f.bytes, f.refusal, f.admission
                    FROM verdicts v JOIN files f ON f.id = v.file_id WHERE \(condition)
                    """, arguments) {
                    lines[try row["path"]] = try Self.verdictLine(row)
                }
            }
            return lines
        }
    }

    /// One verdict line from a row of verdicts joined with files.
    private static func verdictLine(_ row: SQLRow) throws -> String {
        let line: String = try row["line"]
        guard line.isEmpty else { return line }
        // A run stopped between clearing a file's refusal and deciding the file again leaves
        // its old verdict without its reason's words: its code stands, the next run decides it.
        let refusal: String? = try row["refusal"]
        let admission: String? = try row["admission"]
        let code: String = try row["codes"]
        let reason = try refusal.map { try StoredJSON.decode(Reason.self, $0) } ?? admission.map(AdmissionCoding.decode)
            ?? Reason(CoreReasons.all.first { $0.code == code } ?? CoreReasons.unreadable, stage: code.hasPrefix("quota.") ? "quota" : "intake",
                      message: "refused before reading; the run that would say more was stopped: run `assay run` again")
        return VerdictLine.encode(Verdict(refusedBeforeReading: FileRef(root: try row["root"], path: try row["path"]),
                                          contributor: try row["contributor"], modality: try row["modality"],
                                          submittedAt: try row["submitted_at"], bytes: try row["bytes"], reason: reason))
    }

    /// Verdicts in canonical order, decoded, for one run or for the whole ledger.
    public func forEachVerdict(runID: Int64? = nil, _ body: (Verdict) throws -> Void) throws(LedgerError) {
        let decoder = JSONDecoder()
        try forEachVerdictLine(runID: runID) { line in try body(try decoder.decode(Verdict.self, from: Data(line.utf8))) }
    }

    /// The whole ledger's counts per modality and verdict, and per reason code unless
    /// `countingCodes` is false (that count reads every verdict's codes), from the ledger's columns
    /// (no verdict line is parsed).
    public func summary(countingCodes: Bool = true) throws(LedgerError) -> RunSummary {
        try read("count verdicts") { db in
            var summary = RunSummary()
            for row in try db.fetchAll("SELECT modality, verdict, count(*) AS n FROM verdicts GROUP BY modality, verdict") {
                guard let kind = VerdictKind(rawValue: try row["verdict"]) else { continue }
                summary.add(modality: try row["modality"], verdict: kind, count: try row["n"])
            }
            guard countingCodes else { return summary }
            try db.forEach("SELECT codes FROM verdicts WHERE codes != ''", []) { row in
                let line: String = try row[0]
                summary.add(codes: line.split(separator: " ").map(String.init))
            }
            return summary
        }
    }

    /// Every run, newest first.
    public func runs() throws(LedgerError) -> [RunRecord] {
        try read("read runs") { db in
            try db.fetchAll("""
                SELECT id, started_at, finished_at, status, files_found, files_analyzed, files_decided, roots FROM runs ORDER BY id DESC
                """).map { row in
                RunRecord(id: try row["id"], startedAt: try row["started_at"], finishedAt: try row["finished_at"],
                          status: RunStatus(rawValue: try row["status"]) ?? .running, found: try row["files_found"],
                          analyzed: try row["files_analyzed"], decided: try row["files_decided"],
                          roots: (try row["roots"] as String? ?? "").split(separator: "\n").map(String.init))
            }
        }
    }

    /// The stage names of a run's pipeline (the latest run when `runID` is nil), and its id.
    public func runStages(runID: Int64? = nil) throws(LedgerError) -> (id: Int64, stages: [String])? {
        try read("read runs") { db in
            let row = runID == nil
                ? try db.fetchOne("SELECT id, stages FROM runs ORDER BY id DESC LIMIT 1")
                : try db.fetchOne("SELECT id, stages FROM runs WHERE id = ?", [runID])
            guard let row else { return nil }
            let stages: String = try row["stages"] ?? ""
            return (try row["id"], stages.split(separator: " ").map(String.init))
        }
    }
}

/// What the report asks about one contributor.
extension Ledger {
    /// The contributor's files per UTC day (accepted, all), the last `limit` days with files,
    /// oldest first.
    public func contributorDays(_ contributor: String, runID: Int64?, limit: Int) throws(LedgerError) -> [ContributorDay] {
        try read("count a contributor's days") { db in
            let run = runID == nil ? "" : " AND run_id = ?"
            var arguments: [any SQLArgument] = [contributor]
            if let runID { arguments.append(runID) }
            arguments.append(limit)
            return try db.fetchAll("""
                SELECT submitted_at / 86400 AS day, sum(CASE WHEN verdict = 'accepted' THEN 1 ELSE 0 END) AS accepted, count(*) AS total
                FROM verdicts WHERE contributor = ?\(run) GROUP BY submitted_at / 86400 ORDER BY day DESC LIMIT ?
                """, arguments).reversed().map { row in
                let day: Int64 = try row["day"]
                return ContributorDay(day: RFC3339.day(day * 86_400), accepted: try row["accepted"], total: try row["total"])
            }
        }
    }

    /// The contributor's reason codes with the files carrying each, most first, at most `limit`.
    public func contributorCodes(_ contributor: String, runID: Int64?, limit: Int) throws(LedgerError) -> [(code: String, files: Int)] {
        try read("count a contributor's reasons") { db in
            let run = runID == nil ? "" : " AND run_id = ?"
            var arguments: [any SQLArgument] = [contributor]
            if let runID { arguments.append(runID) }
            var counts: [String: Int] = [:]
            try db.forEach("SELECT codes FROM verdicts WHERE contributor = ? AND codes != ''\(run)", arguments) { row in
                let line: String = try row[0]
                for code in Set(line.split(separator: " ")) { counts[String(code), default: 0] += 1 }
            }
            return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
        }
    }
}
