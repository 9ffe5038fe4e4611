import Foundation

/// What the ledger's witness did to one run's discovered submission times.
///
/// For plain folders the ledger is the witness of when a file was submitted: content first seen
/// at its path by the run that started at T(k), and absent from the last walk of its folder
/// (started at T(k-1)), was submitted within (T(k-1), T(k)]. Its time is its mtime clamped to that
/// interval and then fixed: touching the file later changes nothing, and new content at the path
/// is a new submission. A folder no run walked before has no lower bound; that run must trust
/// mtimes (capped at its start), and the summary says how many times it trusted.
public struct IntakeWitnessing: Sendable, Equatable {
    /// Files first seen in a folder no earlier run walked: their times are their mtimes, capped
    /// at this run's start, because nothing earlier saw them.
    public var unwitnessed = 0
    /// New files whose mtime lay outside (last walk, this run's start] and was moved into it
    /// (backdated, or dated in the future).
    public var clamped = 0
    /// Known paths whose content changed (or could not be confirmed): new submissions.
    public var resubmitted = 0
    /// Known paths whose `stat` changed with the same content (touched, re-linked): time kept.
    public var confirmed = 0
    /// New files whose time came from an imported intake file (`assay run --intake`).
    public var trusted = 0

    /// Nothing witnessed yet.
    public init() {}
}

extension Ledger {
    /// Replaces each staged file's mtime by its witnessed submission time (see
    /// ``IntakeWitnessing``). `runStart` is this run's start, in seconds since 1970; files larger
    /// than `maxFileBytes` are never read to confirm their content. Call after staging and before
    /// ``applyDiscovery(decideFingerprint:analysisFingerprints:rejudge:verify:keeping:walked:runStart:)``.
    public func witnessIntake(runStart: Int64, maxFileBytes: Int64) throws(LedgerError) -> IntakeWitnessing {
        var outcome = IntakeWitnessing()
        // Each folder's last walk: what is new in it now appeared after that.
        let walkedAt: [String: Int64?] = try read("read when each folder was walked") { db in
            var walked: [String: Int64?] = [:]
            for row in try db.fetchAll("SELECT path, walked_at FROM sources WHERE kind = 'folder'") {
                walked[try row["path"]] = try row["walked_at"] as Int64?
            }
            return walked
        }
        func window(of root: String) -> ClosedRange<Int64> {
            guard let last = walkedAt[root] ?? nil else { return RFC3339.earliest...max(runStart, RFC3339.earliest) }
            return (last + 1)...max(runStart, last + 1)
        }
        // Known content at a known path keeps its time; a changed stat is checked below.
        let changedStat = try write("keep witnessed submission times") { db -> [SQLRow] in
            try db.execute("""
                UPDATE staged SET submitted_at = f.submitted_at FROM files f
                WHERE f.root = staged.root AND f.path = staged.path AND f.stat = staged.stat AND f.submitted_at <> staged.submitted_at
                """)
            return try db.fetchAll("""
                SELECT s.root, s.path, \(StoredPath.sql(prefix: "s.")) AS absolute_path, s.submitted_at AS mtime, f.submitted_at AS first,
                       CASE WHEN f.read_stat = f.stat AND s.refusal IS NULL THEN f.sha256 END AS sha256
                FROM staged s JOIN files f ON f.root = s.root AND f.path = s.path WHERE f.stat <> s.stat
                """)
        }
        // The stat changed: the same bytes keep their time (a touch, a new link); other bytes, or
        // bytes never read (so never confirmed), are a new submission.
        let reader = FileReader(maxFileBytes: maxFileBytes)
        var times: [(root: String, path: String, time: Int64)] = []
        for row in changedStat {
            let root: String = try wrapped { try row["root"] }
            let path: String = try wrapped { try row["path"] }
            let absolute: String = try wrapped { try row["absolute_path"] }
            let mtime: Int64 = try wrapped { try row["mtime"] }
            let first: Int64 = try wrapped { try row["first"] }
            let known: String? = try wrapped { try row["sha256"] }
            if let known, let bytes = try? reader.load(absolute), ContentHash.sha256(bytes) == known {
                outcome.confirmed += 1
                times.append((root, path, first))
            } else {
                outcome.resubmitted += 1
                let bounds = window(of: root)
                times.append((root, path, min(max(mtime, bounds.lowerBound), bounds.upperBound)))
            }
        }
        try write("witness submission times") { db in
            for item in times {
                try db.execute("UPDATE staged SET submitted_at = ? WHERE root = ? AND path = ?", [item.time, item.root, item.path])
            }
            let new = "NOT EXISTS (SELECT 1 FROM files f WHERE f.root = staged.root AND f.path = staged.path)"
            for (root, last) in walkedAt {
                let bounds = window(of: root)
                if last == nil {
                    outcome.unwitnessed += try db.fetchOne("SELECT count(*) AS n FROM staged WHERE root = ? AND \(new)", [root])
                        .map { try $0["n"] as Int } ?? 0
                }
                outcome.clamped += try db.execute("""
                    UPDATE staged SET submitted_at = CASE WHEN submitted_at < ? THEN ? ELSE ? END
                    WHERE root = ? AND \(new) AND (submitted_at < ? OR submitted_at > ?)
                    """, [bounds.lowerBound, bounds.lowerBound, bounds.upperBound, root, bounds.lowerBound, bounds.upperBound])
            }
            // A curator's intake file vouches for times the ledger did not witness itself.
            outcome.trusted = try db.execute("""
                UPDATE staged SET submitted_at = t.submitted_at FROM trusted_times t
                WHERE t.root = staged.root AND t.path = staged.path AND \(new)
                """)
        }
        return outcome
    }

    /// Imports trusted submission times (an `assay intake export` file, or a curator's own):
    /// each applies once, to the file first found at its (root, path) by a later run.
    public func importTrustedTimes(_ records: [IntakeRecord]) throws(LedgerError) {
        try write("import trusted submission times") { db in
            for record in records where record.isNameClaim {
                guard case let .success(judged) = ContributorName.judge(record.contributor) else { continue }
                try db.execute("INSERT INTO contributor_names(skeleton, name, first_at) VALUES (?, ?, ?) ON CONFLICT(skeleton) DO NOTHING",
                               [judged.skeleton, record.contributor, record.submittedAt])
            }
            for record in records where !record.isNameClaim {
                try db.execute("""
                    INSERT INTO trusted_times(root, path, submitted_at) VALUES (?, ?, ?)
                    ON CONFLICT(root, path) DO UPDATE SET submitted_at = excluded.submitted_at
                    """, [record.root, record.path, record.submittedAt])
            }
        }
    }

    /// Calls `body` with the intake record: first each contributor name's claim (an
    /// ``IntakeRecord/isNameClaim`` record: who owns a name, since when), then every file of the
    /// datanet in canonical order. With the files and the config, it decides every verdict.
    public func forEachIntakeRecord(_ body: (IntakeRecord) throws -> Void) throws(LedgerError) {
        try read("read the intake record") { db in
            try db.forEach("SELECT name, first_at FROM contributor_names ORDER BY first_at, name", []) { row in
                try body(IntakeRecord(root: "", path: "", contributor: try row["name"], modality: "", submittedAt: try row["first_at"]))
            }
            try db.forEach("SELECT root, path, contributor, modality, submitted_at FROM files ORDER BY submitted_at, path, root", []) { row in
                try body(IntakeRecord(root: try row["root"], path: try row["path"], contributor: try row["contributor"],
                                      modality: try row["modality"], submittedAt: try row["submitted_at"]))
            }
        }
    }

    /// Refuses, in this run's staging, the files whose contributor name is unusable
    /// (`intake.bad_contributor`) or reads as another contributor's (`intake.contributor_lookalike`),
    /// and the hard links that put one inode under two contributors (`intake.hardlink`). Uses
    /// the witnessed times, so call after ``witnessIntake(runStart:maxFileBytes:)``.
    ///
    /// A name's owner is kept in the ledger (`contributor_names`) from the run that first saw it:
    /// the first to submit (then the smaller name in bytes) keeps it for good, so a look-alike
    /// cannot take it over later (the owner's files resubmitted, a folder unmounted, a new folder
    /// with trusted mtimes). The owners are part of the intake record (``forEachIntakeRecord(_:)``).
    public func refuseBorrowedIdentities() throws(LedgerError) {
        try write("check contributor names and links") { db in
            var owners: [String: String] = [:]
            for row in try db.fetchAll("SELECT skeleton, name FROM contributor_names") {
                owners[try row["skeleton"]] = try row["name"]
            }
            var byName: [(name: String, first: Int64)] = []
            for row in try db.fetchAll("SELECT contributor, min(submitted_at) AS first FROM staged GROUP BY contributor") {
                byName.append((try row["contributor"], try row["first"]))
            }
            byName.sort { $0.first != $1.first ? $0.first < $1.first : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            var refusals: [(contributor: String, reason: Reason)] = []
            for (name, first) in byName {
                switch ContributorName.judge(name) {
                case let .failure(problem):
                    refusals.append((name, Reason(CoreReasons.badContributor, stage: "intake",
                                                  message: "the contributor name cannot name a person: \(problem.message)",
                                                  value: .text(problem.character ?? name))))
                case let .success(judged):
                    if let owner = owners[judged.skeleton] {
                        if owner != name {
                            refusals.append((name, Reason(CoreReasons.contributorLookalike, stage: "intake",
                                                          message: "the contributor name '\(name)' reads the same as '\(owner)', who submitted first",
                                                          value: .text(name), limit: .text(owner))))
                        }
                    } else {
                        owners[judged.skeleton] = name
                        try db.execute("INSERT INTO contributor_names(skeleton, name, first_at) VALUES (?, ?, ?)", [judged.skeleton, name, first])
                    }
                }
            }
            for refusal in refusals {
                try db.execute("UPDATE staged SET refusal = ? WHERE contributor = ? AND refusal IS NULL",
                               [try StoredJSON.encode(refusal.reason), refusal.contributor])
            }
            // One inode under two contributors: the first submission's contributor keeps it; when
            // the first time is shared by two contributors, nobody can claim it.
            let linked = try db.fetchAll("""
                SELECT root, path, contributor, submitted_at, inode FROM staged
                WHERE refusal IS NULL AND inode IN (SELECT inode FROM staged WHERE refusal IS NULL AND inode IS NOT NULL
                                                    GROUP BY inode HAVING count(DISTINCT contributor) > 1)
                ORDER BY inode, submitted_at, path, root
                """)
            var group: [(root: String, path: String, contributor: String, time: Int64)] = []
            var groupInode: String?
            func settle() throws {
                guard let first = group.first else { return }
                let tied = Set(group.filter { $0.time == first.time }.map(\.contributor))
                for file in group where tied.count > 1 || file.contributor != first.contributor {
                    let other = tied.count > 1 ? (group.first { $0.contributor != file.contributor } ?? first) : first
                    let message = tied.count > 1
                        ? "the file is the same file (a hard link) as \(other.path), submitted under another contributor at the same time: neither can claim it"
                        : "the file is the same file (a hard link) as \(other.path), which \(other.contributor) submitted first"
                    try db.execute("UPDATE staged SET refusal = ? WHERE root = ? AND path = ?",
                                   [try StoredJSON.encode(Reason(CoreReasons.hardlink, stage: "intake", message: message, value: .text(other.path))),
                                    file.root, file.path])
                }
                group.removeAll()
            }
            for row in linked {
                let inode: String = try row["inode"]
                if inode != groupInode { try settle() }
                groupInode = inode
                group.append((try row["root"], try row["path"], try row["contributor"], try row["submitted_at"]))
            }
            try settle()
        }
    }

    /// Decides the daily limits for every file from `mark` on, in canonical order, before any
    /// of them is read: a file over a limit gets its refusal in `files.admission` and is never
    /// read, sniffed or decoded. Files refused at discovery and files of modalities the datanet
    /// does not collect use no quota. `admit` counts one file's usage against the limits and
    /// says why it is refused, or nil; it must already count the usage before the mark
    /// (``admittedUsage(window:before:excluding:_:)``). Returns the number of files refused.
    @discardableResult
    public func decideAdmissions(from mark: StaleMark, open: Set<Modality>, admit: (QuotaUsage) -> Reason?) throws(LedgerError) -> Int {
        let markArguments: [any SQLArgument] = [mark.key.submittedAt, mark.key.path, mark.key.root]
        try write("clear the daily limits' decisions") { db in
            try db.execute("UPDATE files SET admission = NULL WHERE admission IS NOT NULL AND \(mark.condition(after: true))", markArguments)
        }
        var after: CanonicalKey?
        var refusedCount = 0
        let typed = store.backend == .postgres
        while true {
            let page = try read("read files for the daily limits") { db -> [SQLRow] in
                var condition = mark.condition(after: true)
                var arguments = markArguments
                if let after {
                    condition += " AND (submitted_at, path, root) > (?, ?, ?)"
                    arguments += [after.submittedAt, after.path, after.root] as [any SQLArgument]
                }
                return try db.fetchAll("""
                    SELECT id, contributor, modality, submitted_at, bytes, path, root, refusal FROM files
                    WHERE \(condition) ORDER BY submitted_at, path, root LIMIT 4096
                    """, arguments)
            }
            guard let last = page.last else { break }
            after = try wrapped { try CanonicalKey(last) }
            var refused: [any SQLArgument] = []
            for row in page {
                let refusal: String? = try wrapped { try row["refusal"] }
                let modality: String = try wrapped { try row["modality"] }
                guard refusal == nil, let known = Modality(rawValue: modality), open.contains(known) else { continue }
                let usage = QuotaUsage(contributor: try wrapped { try row["contributor"] }, modality: modality,
                                       time: try wrapped { try row["submitted_at"] }, bytes: try wrapped { try row["bytes"] })
                if let reason = admit(usage) {
                    refused += [try wrapped { try row["id"] as Int64 }, try wrapped { try AdmissionCoding.encode(reason) }] as [any SQLArgument]
                }
            }
            refusedCount += refused.count / 2
            for start in stride(from: 0, to: refused.count, by: 512) {
                let chunk = Array(refused[start..<min(start + 512, refused.count)])
                let row = typed ? "(CAST(? AS BIGINT), CAST(? AS TEXT))" : "(?, ?)"
                try write("record the daily limits' refusals") { db in
                    try db.execute("""
                        WITH v(id, admission) AS (VALUES \(Array(repeating: row, count: chunk.count / 2).joined(separator: ", ")))
                        UPDATE files SET admission = v.admission FROM v WHERE files.id = v.id
                        """, chunk)
                }
            }
        }
        return refusedCount
    }

    /// Runs `body`, turning a decoding error into a ``LedgerError`` that names the ledger.
    private func wrapped<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError("\(path): cannot read the intake record: \(error)")
        }
    }
}
