import Foundation

/// A folder or manifest the datanet is made of. A run walks every source the ledger knows, not
/// only those named on its command line, so the ledger always holds the verdicts of one run over
/// the whole datanet.
public struct DatanetSource: Sendable, Hashable {
    /// A folder laid out as the config's layout says, or a manifest CSV.
    public enum Kind: String, Sendable { case folder, manifest }
    /// What it is.
    public let kind: Kind
    /// Its absolute real path.
    public let path: String

    /// Creates a source.
    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }
}

/// What changed since the last run, as found by comparing this run's discovery with the ledger.
public struct DiscoveryChanges: Sendable {
    /// Nothing changed.
    public init() {}

    /// Files new to the ledger.
    public var added = 0
    /// Files gone since the last run (their verdicts were removed).
    public var removed = 0
    /// Files whose submission details or `stat` changed.
    public var changed = 0
    /// Where decide is replayed from; nil when every verdict is current.
    public var mark: StaleMark?
}

extension Ledger {
    /// The sources recorded so far.
    public func sources() throws(LedgerError) -> [DatanetSource] {
        try read("read the datanet's sources") { db in
            try db.fetchAll("SELECT kind, path FROM sources ORDER BY kind, path").compactMap { row in
                let path: String = try row["path"]
                return DatanetSource.Kind(rawValue: try row["kind"]).map { DatanetSource(kind: $0, path: path) }
            }
        }
    }

    /// Records sources (already known ones are kept once).
    public func addSources(_ sources: [DatanetSource]) throws(LedgerError) {
        try write("record the datanet's sources") { db in
            for source in sources {
                try db.execute("INSERT INTO sources(kind, path) VALUES (?, ?) ON CONFLICT DO NOTHING", [source.kind.rawValue, source.path])
            }
        }
    }

    /// Forgets a source that no longer exists.
    public func removeSource(_ source: DatanetSource) throws(LedgerError) {
        try write("forget a source") { db in
            try db.execute("DELETE FROM sources WHERE kind = ? AND path = ?", [source.kind.rawValue, source.path])
        }
    }

    /// Empties the staging table for a new run.
    public func resetStaging() throws(LedgerError) {
        try write("reset staging") { db in try db.execute("DELETE FROM staged") }
    }

    /// Stages a batch of discovered files; a (root, path) seen twice keeps its first entry.
    public func stage(_ files: [DiscoveredFile]) throws(LedgerError) {
        try write("stage discovered files") { db in
            let insert = """
                INSERT INTO staged(root, path, absolute_path, contributor, modality, submitted_at, bytes, stat, refusal, inode)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """
            for file in files {
                let s = file.submission
                try db.execute(insert, [s.root, s.path, StoredPath.compact(s), s.contributor, s.modalityName, s.submittedAt, s.bytes,
                                        s.stat, try file.refusal.map(StoredJSON.encode), file.sharedInode])
            }
        }
    }

    /// Makes the ledger's files those just staged, in one transaction, and moves the stale mark
    /// back to the first file whose inputs changed: a file added, removed or changed, a file
    /// analyzed under other rules (`analysisFingerprints` per modality), or every file when the
    /// decide rules changed or `rejudge` or `verify` is set (`verify` keeps what was read and
    /// analyzed: the analyzer re-hashes and reuses by hash). Index entries from the mark on are dropped.
    /// Files under the roots in `keeping` (folders missing now) and under the sub-folders in
    /// `keepingFolders` (unreadable now) keep their rows.
    /// The folders in `walked` are recorded as walked by the run that started at `runStart`
    /// (seconds since 1970): what appears in them later was submitted after it. A file a stage
    /// timed out on stays decided while its `analyzed_under` ends in `timeoutMark` (the same
    /// budget), unless `retryErrors`.
    /// With `stagedOnly` (a run that staged a known few new files and no folder), only the staged
    /// files are compared: no file is taken as removed and the files analyzed under other rules
    /// are left for the next run that walks, so the cost does not grow with the datanet.
    public func applyDiscovery(decideFingerprint: String, analysisFingerprints: [Modality: String], rejudge: Bool,
                               verify: Bool = false, keeping: [String] = [], keepingFolders: [UnreadableFolder] = [], walked: [String] = [],
                               runStart: Int64? = nil, timeoutMark: String = "", retryErrors: Bool = false,
                               stagedOnly: Bool = false) throws(LedgerError) -> DiscoveryChanges {
        try write("apply discovery") { db in
            var changes = DiscoveryChanges()
            var mark = try staleMark(db)
            let previous = try stateText("decide_fingerprint", db)
            if rejudge || verify || previous != decideFingerprint {
                mark = .everything
            }
            // Counts the rows of `sql` (which selects submitted_at, path, root) and moves the mark
            // back to the first of them, in one pass (the count is a window over every row).
            func earliest(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> Int {
                guard let row = try db.fetchOne("""
                    SELECT submitted_at, path, root, count(*) OVER () AS n FROM (\(sql)) AS t ORDER BY submitted_at, path, root LIMIT 1
                    """, arguments) else { return 0 }
                mark = StaleMark.earliest(mark, StaleMark(key: try CanonicalKey(row), inclusive: true))
                return try row["n"]
            }
            // Gone: in the ledger, not found now.
            var kept: [any SQLArgument] = keeping
            var notKept = keeping.isEmpty ? "" : " AND f.root NOT IN (" + keeping.map { _ in "?" }.joined(separator: ", ") + ")"
            for folder in keepingFolders {
                // Paths under "dir/" sort (bytewise, as both backends compare these columns)
                // from "dir/" up to "dir0", '0' being the byte after '/'.
                notKept += " AND NOT (f.root = ? AND f.path >= ? AND f.path < ?)"
                kept += [folder.root, folder.path + "/", folder.path + "0"] as [any SQLArgument]
            }
            if !stagedOnly {
                changes.removed = try earliest("""
                    SELECT f.submitted_at, f.path, f.root FROM files f
                    WHERE NOT EXISTS (SELECT 1 FROM staged s WHERE s.root = f.root AND s.path = f.path)\(notKept)
                    """, kept)
                try db.execute("""
                    DELETE FROM files WHERE id IN (SELECT f.id FROM files f
                      WHERE NOT EXISTS (SELECT 1 FROM staged s WHERE s.root = f.root AND s.path = f.path)\(notKept))
                    """, kept)
            }
            // Changed: both the old and the new place in canonical order are stale.
            let differs = """
                s.absolute_path IS DISTINCT FROM f.absolute_path OR s.contributor IS DISTINCT FROM f.contributor
                OR s.modality IS DISTINCT FROM f.modality OR s.submitted_at IS DISTINCT FROM f.submitted_at
                OR s.bytes IS DISTINCT FROM f.bytes OR s.stat IS DISTINCT FROM f.stat OR s.refusal IS DISTINCT FROM f.refusal
                """
            changes.changed = try earliest("SELECT f.submitted_at, f.path, f.root FROM files f JOIN staged s ON s.root = f.root AND s.path = f.path WHERE \(differs)")
            _ = try earliest("SELECT s.submitted_at, s.path, s.root FROM files f JOIN staged s ON s.root = f.root AND s.path = f.path WHERE \(differs)")
            try db.execute("""
                UPDATE files SET absolute_path = s.absolute_path, contributor = s.contributor, modality = s.modality,
                  submitted_at = s.submitted_at, bytes = s.bytes, stat = s.stat, refusal = s.refusal
                FROM staged s WHERE s.root = files.root AND s.path = files.path AND (\(differs.replacingOccurrences(of: "f.", with: "files.")))
                """)
            // New.
            changes.added = try earliest("""
                SELECT s.submitted_at, s.path, s.root FROM staged s
                WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.root = s.root AND f.path = s.path)
                """)
            try db.execute("""
                INSERT INTO files(root, path, absolute_path, contributor, modality, submitted_at, bytes, stat, refusal)
                SELECT root, path, absolute_path, contributor, modality, submitted_at, bytes, stat, refusal FROM staged s
                WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.root = s.root AND f.path = s.path)
                """)
            // Analyzed under other rules (or never completely: an error is retried).
            for modality in Modality.allCases where !stagedOnly {
                _ = try earliest("""
                    SELECT submitted_at, path, root FROM files
                    WHERE modality = ? AND refusal IS NULL AND admission IS NULL AND analyzed_under IS DISTINCT FROM ? AND analyzed_under IS DISTINCT FROM ?
                    """, [modality.rawValue, analysisFingerprints[modality], analysisFingerprints[modality].map { $0 + timeoutMark }])
            }
            if retryErrors && !stagedOnly {
                _ = try earliest("SELECT submitted_at, path, root FROM files WHERE analyzed_under LIKE '%|timeout:%'")
            }
            if rejudge {
                // Forget what was read, so a rejudge interrupted half way still re-reads the rest.
                try db.execute("UPDATE files SET analyzed_under = NULL, read_stat = NULL, sha256 = NULL, mime = NULL")
                try db.execute("DELETE FROM findings")
            }
            // A trusted time is used once: the file now has its row and keeps the time.
            try db.execute("""
                DELETE FROM trusted_times WHERE EXISTS (SELECT 1 FROM files f WHERE f.root = trusted_times.root AND f.path = trusted_times.path)
                """)
            if let runStart {
                for folder in walked {
                    try db.execute("UPDATE sources SET walked_at = ? WHERE kind = 'folder' AND path = ?", [runStart, folder])
                }
            }
            try setStateText("decide_fingerprint", decideFingerprint, db)
            try setStaleMark(mark, db)
            var deletedEntries = 0
            if let mark {
                deletedEntries = try db.execute("DELETE FROM index_entries WHERE \(mark.condition(after: true))",
                                                [mark.key.submittedAt, mark.key.path, mark.key.root])
            }
            // Index entries went (with their files, or after the mark): an index kept in memory
            // since an earlier run (``Ledger/indexGeneration()``) no longer matches the ledger.
            if deletedEntries > 0 || changes.removed > 0 {
                try setStateText(Self.indexGenerationState, String(try indexGeneration(db) + 1), db)
            }
            changes.mark = mark
            return changes
        }
    }
}

/// JSON for the ledger's own columns (reasons, metrics): keys sorted so equal values give equal
/// bytes, non-finite numbers kept.
enum StoredJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        // Sorted keys: the ledger compares stored refusals as text, so the bytes must be stable.
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The bytes `encode` gives for a finding's metrics, written directly: JSONEncoder took a third
    /// of the serial commit's time on text. Keys sort by their UTF-8 bytes and escape as
    /// JSONEncoder escapes them; numbers print as it prints them (Swift's shortest round-trip
    /// form, a trailing ".0" dropped; non-finite ones as the strings "inf", "-inf", "nan").
    static func encode(metrics: [String: Double]) -> String {
        var writer = JSONWriter()
        writer.raw("{")
        for (index, key) in metrics.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { writer.raw(",") }
            if key.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x2F || $0 == 0x5C }) {
                writer.raw(quotedAsJSONEncoderQuotes(key))
            } else {
                writer.string(key)
            }
            writer.raw(":")
            let value = metrics[key] ?? 0
            if value.isNaN {
                writer.raw("\"nan\"")
            } else if value.isInfinite {
                writer.raw(value > 0 ? "\"inf\"" : "\"-inf\"")
            } else {
                var text = "\(value)"
                if text.hasSuffix(".0") { text.removeLast(2) }
                writer.raw(text)
            }
        }
        writer.raw("}")
        return writer.string
    }

    /// `text` quoted and escaped as JSONEncoder escapes it (`\/`, `\b` and `\f` included).
    private static func quotedAsJSONEncoderQuotes(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The bytes `encode` gives for a finding's reasons; most findings have none.
    static func encode(reasons: [Reason]) throws -> String {
        reasons.isEmpty ? "[]" : try encode(reasons)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
