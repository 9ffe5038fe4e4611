import CSV
import Foundation

/// One file's intake record: where it is, who sent it, and the submission time the ledger
/// witnessed (or a manifest or intake file vouched for). With the files and the config, the
/// intake record decides every verdict: `assay intake export` writes it, and
/// `assay run --intake FILE` on a fresh ledger reproduces the verdicts of the ledger it came from.
///
/// As CSV: the header `root,path,contributor,modality,submitted_at`, one row per file, times in
/// RFC 3339 UTC, `path` relative to `root` (an absolute real path). A row with an empty `root`
/// and `path` is a name claim: `contributor` owns that name (and every name that reads the same)
/// since `submitted_at`.
public struct IntakeRecord: Sendable, Equatable {
    /// The folder given, as an absolute real path.
    public var root: String
    /// The file's path relative to `root`.
    public var path: String
    /// The contributor (informative: the layout decides it again from the path).
    public var contributor: String
    /// The modality folder (informative, as `contributor`).
    public var modality: String
    /// The witnessed submission time, seconds since 1970 UTC.
    public var submittedAt: Int64

    /// Creates a record.
    public init(root: String, path: String, contributor: String, modality: String, submittedAt: Int64) {
        self.root = root
        self.path = path
        self.contributor = contributor
        self.modality = modality
        self.submittedAt = submittedAt
    }

    /// A name claim rather than a file: who owns a contributor name, and since when.
    public var isNameClaim: Bool { root.isEmpty && path.isEmpty }

    /// The CSV header.
    public static let header = ["root", "path", "contributor", "modality", "submitted_at"]

    /// The record as CSV fields, in ``header`` order.
    public var fields: [String] { [root, path, contributor, modality, RFC3339.format(submittedAt)] }

    /// The record as one CSV line (quoted where needed, never altered: it is read back).
    public var line: String { CSVCell.line(fields, safe: false) }

    /// Why an intake file cannot be read, with its path and line.
    public struct ReadError: Error, Sendable {
        /// `FILE:LINE: what is wrong`.
        public let message: String
    }

    /// Reads every record of the intake CSV at `file`; the first bad row stops the read, before
    /// any ledger is touched.
    public static func read(_ file: String) throws(ReadError) -> [IntakeRecord] {
        guard let stream = InputStream(fileAtPath: file) else { throw ReadError(message: "\(file): cannot open the intake file") }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw ReadError(message: "\(file): not a CSV file: \(error)")
        }
        let headerRow = reader.headerRow ?? []
        var index: [String: Int] = [:]
        for column in ["root", "path", "submitted_at"] {
            guard let at = headerRow.firstIndex(of: column) else {
                throw ReadError(message: "\(file):1: the header needs the columns \(header.joined(separator: ",")) (contributor and modality may be left out)")
            }
            index[column] = at
        }
        var records: [IntakeRecord] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy(\.isEmpty) { continue }
            func field(_ name: String) -> String {
                guard let at = index[name] ?? headerRow.firstIndex(of: name), at < row.count else { return "" }
                return row[at]
            }
            let root = field("root"), path = field("path")
            if root.isEmpty && path.isEmpty {
                guard !field("contributor").isEmpty, let time = RFC3339.parse(field("submitted_at")) else {
                    throw ReadError(message: "\(file):\(line): a row without root and path claims a contributor name: it needs 'contributor' and an RFC 3339 'submitted_at'")
                }
                records.append(IntakeRecord(root: "", path: "", contributor: field("contributor"), modality: "", submittedAt: time))
                continue
            }
            guard root.hasPrefix("/") else { throw ReadError(message: "\(file):\(line): 'root' must be an absolute path, got '\(root)'") }
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw ReadError(message: "\(file):\(line): 'path' must be a relative path inside its root, got '\(path)'")
            }
            guard let time = RFC3339.parse(field("submitted_at")) else {
                throw ReadError(message: "\(file):\(line): 'submitted_at' must be an RFC 3339 time such as 2026-11-24T10:00:00Z, got '\(field("submitted_at"))'")
            }
            records.append(IntakeRecord(root: root, path: path, contributor: field("contributor"), modality: field("modality"), submittedAt: time))
        }
        if let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") {
            throw ReadError(message: "\(file):\(line): \(error)")
        }
        return records
    }
}
