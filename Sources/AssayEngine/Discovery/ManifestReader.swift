import CSV
import Foundation

/// Reads submissions from a manifest CSV with the header `path,contributor,modality,submitted_at`
/// (RFC 3339 times), streaming row by row. Paths are relative to the manifest's folder.
public struct ManifestReader: Sendable {
    let rules: IntakeRules

    /// A reader that refuses files above `maxFileBytes` without reading them.
    public init(maxFileBytes: Int64) {
        self.rules = IntakeRules(maxFileBytes: maxFileBytes)
    }

    /// Calls `emit` for every row of the manifest at `path`.
    public func read(manifest path: String, _ emit: (DiscoveredFile) throws -> Void) throws {
        guard let stream = InputStream(fileAtPath: path) else { throw DiscoveryError("\(path): cannot open the manifest") }
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let base = ((absolute as NSString).deletingLastPathComponent as NSString).standardizingPath
        guard let realBase = FileStatus.realPath(base) else { throw DiscoveryError("\(path): cannot resolve the manifest's folder") }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw DiscoveryError("\(path): not a CSV file: \(error)")
        }
        let header = reader.headerRow ?? []
        let columns = ["path", "contributor", "modality", "submitted_at"]
        var index: [String: Int] = [:]
        for column in columns {
            guard let at = header.firstIndex(of: column) else {
                throw DiscoveryError("\(path):1: the header needs the columns \(columns.joined(separator: ","))")
            }
            index[column] = at
        }
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ name: String) -> String {
                guard let at = index[name], at < row.count else { return "" }
                return row[at].trimmingCharacters(in: .whitespaces)
            }
            let relative = field("path")
            guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw DiscoveryError("\(path):\(line): 'path' must be a relative path inside the manifest's folder")
            }
            guard let time = RFC3339.parse(field("submitted_at")) else {
                throw DiscoveryError("\(path):\(line): 'submitted_at' must be an RFC 3339 time such as 2026-11-24T10:00:00Z, got '\(field("submitted_at"))'")
            }
            var file = rules.examine(path: realBase + "/" + relative, relative: relative, contributor: field("contributor"),
                                     modality: field("modality"), realRoot: realBase, manifestTime: time)
            // Every folder on the way must stay inside the manifest's folder once links are
            // resolved: a row through `net/root -> /` must not read /etc/passwd.
            let parent = ((realBase + "/" + relative) as NSString).deletingLastPathComponent
            if file.refusal == nil, let realParent = FileStatus.realPath(parent), realParent != realBase, !realParent.hasPrefix(realBase + "/") {
                file.refusal = Reason(CoreReasons.symlinkEscape, stage: "intake",
                                      message: "the path goes through a symbolic link that leaves the manifest's folder", value: .text(realParent))
            }
            try emit(file)
        }
        // CSV.swift reports the end of a stream that ends in a blank line as cannotReadFile.
        if let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") {
            throw DiscoveryError("\(path):\(line): \(error)")
        }
    }
}
