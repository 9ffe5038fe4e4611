import AssayKit

extension Ledger {
    /// Decides the daily limits for `upload` and keeps it, in one transaction: the contributor's
    /// and the datanet's day rows are updated only where the new totals fit (`UPDATE … WHERE
    /// total + this <= limit`, which a database applies to one row at a time), so concurrent
    /// uploads, from one process or several on a PostgreSQL ledger, never admit past a limit.
    ///
    /// The submission time is `receivedAt`, or the second after the datanet's last closed second
    /// when that is later (``closeUploads(datanet:through:)``): an upload never lands in a second
    /// whose files are already judged, so canonical order is arrival order across seconds.
    /// `upload.submittedAt` and `upload.placed` are ignored.
    public func admit(_ upload: ServeUpload, receivedAt: Int64, quota: ServeQuota) throws(LedgerError) -> UploadAdmission {
        var refusal: QuotaRefusal?
        let postgres = store.backend == .postgres
        do {
            return try write("admit an upload") { db -> UploadAdmission in
                try db.execute("INSERT INTO serve_datanets(name, closed_through) VALUES (?, 0) ON CONFLICT(name) DO NOTHING", [upload.datanet])
                // FOR SHARE: a close waits for admissions in flight, and admissions after it see it.
                let closed: Int64 = try db.fetchOne("SELECT closed_through FROM serve_datanets WHERE name = ?" + (postgres ? " FOR SHARE" : ""),
                                                    [upload.datanet]).map { try $0["closed_through"] } ?? 0
                let time = max(receivedAt, closed + 1)
                let day = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
                let resets = (day + 1) * 86_400
                try db.execute("INSERT INTO serve_usage(contributor, day, files, bytes) VALUES (?, ?, 0, 0) ON CONFLICT(contributor, day) DO NOTHING",
                               [upload.contributor, day])
                var fits: [String] = []
                var arguments: [any SQLArgument] = [upload.bytes, upload.contributor, day]
                if let files = quota.contributorFiles {
                    fits.append("files + 1 <= ?")
                    arguments.append(files)
                }
                if let bytes = quota.contributorBytes {
                    fits.append("bytes + ? <= ?")
                    arguments += [upload.bytes, bytes] as [any SQLArgument]
                }
                let counted = try db.execute("UPDATE serve_usage SET files = files + 1, bytes = bytes + ? WHERE contributor = ? AND day = ?"
                    + fits.map { " AND " + $0 }.joined(), arguments)
                if counted == 0 {
                    let row = try db.fetchOne("SELECT files, bytes FROM serve_usage WHERE contributor = ? AND day = ?", [upload.contributor, day])
                    let files: Int64 = try row.map { try $0["files"] } ?? 0
                    let bytes: Int64 = try row.map { try $0["bytes"] } ?? 0
                    if let limit = quota.contributorFiles, files + 1 > Int64(limit) {
                        refusal = QuotaRefusal(limit: "daily_files", wouldUse: files + 1, allowed: Int64(limit), resetsAt: resets,
                                               message: "\(upload.contributor) already has \(files) files kept on \(RFC3339.day(time)) (UTC) across the server's datanets; the limit is \(limit) a day, and it resets at \(RFC3339.format(resets))")
                    } else {
                        let limit = quota.contributorBytes ?? 0
                        refusal = QuotaRefusal(limit: "daily_bytes", wouldUse: bytes + upload.bytes, allowed: limit, resetsAt: resets,
                                               message: "keeping \(upload.bytes) bytes would bring \(upload.contributor)'s bytes on \(RFC3339.day(time)) (UTC) across the server's datanets to \(bytes + upload.bytes); the limit is \(limit) a day, and it resets at \(RFC3339.format(resets))")
                    }
                    throw QuotaRefused()
                }
                if let cap = quota.datanetBytes {
                    try db.execute("INSERT INTO serve_datanet_days(datanet, day, bytes) VALUES (?, ?, 0) ON CONFLICT(datanet, day) DO NOTHING",
                                   [upload.datanet, day])
                    let fit = try db.execute("UPDATE serve_datanet_days SET bytes = bytes + ? WHERE datanet = ? AND day = ? AND bytes + ? <= ?",
                                             [upload.bytes, upload.datanet, day, upload.bytes, cap])
                    if fit == 0 {
                        let used: Int64 = try db.fetchOne("SELECT bytes FROM serve_datanet_days WHERE datanet = ? AND day = ?", [upload.datanet, day])
                            .map { try $0["bytes"] } ?? 0
                        refusal = QuotaRefusal(limit: "datanet_daily_bytes", wouldUse: used + upload.bytes, allowed: cap, resetsAt: resets,
                                               message: "keeping \(upload.bytes) bytes would bring the datanet \(upload.datanet)'s bytes on \(RFC3339.day(time)) (UTC) to \(used + upload.bytes); it takes \(cap) a day, and the day resets at \(RFC3339.format(resets))")
                        throw QuotaRefused()
                    }
                }
                try db.execute("""
                    INSERT INTO serve_uploads(id, datanet, contributor, name, root, path, spool, modality, bytes, sha256, submitted_at, placed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                    """, [upload.id, upload.datanet, upload.contributor, upload.name, upload.root, upload.path, upload.spool, upload.modality,
                          upload.bytes, upload.sha256, time])
                return .admitted(submittedAt: time)
            }
        } catch {
            if let refusal { return .refused(refusal) }
            throw error
        }
    }

    /// Closes every second up to `through` for `datanet` (no upload is admitted into a closed
    /// second any more) and returns the uploads of closed seconds not placed yet, in canonical
    /// order. Call while holding the datanet's run lock, then place them and ``markPlaced(_:)``.
    public func closeUploads(datanet: String, through: Int64) throws(LedgerError) -> [ServeUpload] {
        try write("close the uploads of past seconds") { db in
            try db.execute("INSERT INTO serve_datanets(name, closed_through) VALUES (?, 0) ON CONFLICT(name) DO NOTHING", [datanet])
            try db.execute("UPDATE serve_datanets SET closed_through = ? WHERE name = ? AND closed_through < ?", [through, datanet, through])
            return try db.fetchAll("""
                SELECT * FROM serve_uploads WHERE datanet = ? AND placed = 0
                  AND submitted_at <= (SELECT closed_through FROM serve_datanets WHERE name = ?)
                ORDER BY submitted_at, path, root
                """, [datanet, datanet]).map(Self.upload)
        }
    }

    /// Records that the uploads `ids` are in their datanet's folder (`placed` 1), or, with
    /// `lost`, that their bytes vanished before they could be placed (`placed` 2: never judged).
    public func markPlaced(_ ids: [String], lost: Bool = false) throws(LedgerError) {
        guard !ids.isEmpty else { return }
        try write("record placed uploads") { db in
            for id in ids { try db.execute("UPDATE serve_uploads SET placed = ? WHERE id = ?", [lost ? 2 : 1, id]) }
        }
    }

    /// One upload by id, or nil.
    public func upload(id: String) throws(LedgerError) -> ServeUpload? {
        try read("read an upload") { db in try db.fetchOne("SELECT * FROM serve_uploads WHERE id = ?", [id]).map(Self.upload) }
    }

    /// A contributor's uploads, newest first, at most `limit`.
    public func uploads(of contributor: String, limit: Int) throws(LedgerError) -> [ServeUpload] {
        try read("read a contributor's uploads") { db in
            try db.fetchAll("SELECT * FROM serve_uploads WHERE contributor = ? ORDER BY submitted_at DESC, path DESC LIMIT ?",
                            [contributor, limit]).map(Self.upload)
        }
    }

    /// The number of distinct UTC days each contributor had an upload kept on, from `since` on
    /// (the leaderboard's consistency term).
    public func activeDays(since: Int64) throws(LedgerError) -> [String: Int] {
        try read("count active days") { db in
            var days: [String: Int] = [:]
            for row in try db.fetchAll("SELECT contributor, count(*) AS n FROM serve_usage WHERE day >= ? AND files > 0 GROUP BY contributor",
                                       [since / 86_400]) {
                days[try row["contributor"]] = try row["n"] as Int
            }
            return days
        }
    }

    private static func upload(_ row: SQLRow) throws -> ServeUpload {
        ServeUpload(id: try row["id"], datanet: try row["datanet"], contributor: try row["contributor"], name: try row["name"],
                    root: try row["root"], path: try row["path"], spool: try row["spool"], modality: try row["modality"],
                    bytes: try row["bytes"], sha256: try row["sha256"], submittedAt: try row["submitted_at"], placed: try row["placed"] as Int64 != 0)
    }
}

/// Thrown inside the admitting transaction to roll it back when a limit refuses the upload.
private struct QuotaRefused: Error {}
