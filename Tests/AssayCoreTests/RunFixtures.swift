import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation

/// Builds datanets from real files and runs the engine on them.
enum RunFixtures {
    static let loader = ConfigLoader(registry: BuiltinValidators.registry)

    /// Sets a file's modification time, which is its submission time.
    static func touch(_ path: String, _ time: String) throws {
        let seconds = try require(RFC3339.parse(time))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(seconds))], ofItemAtPath: path)
    }

    /// Loads a config written as YAML in `folder`.
    static func config(_ yaml: String, in folder: TemporaryFolder) throws -> AssayConfig {
        try loader.load(yaml: yaml, file: folder.url("assay.yml"))
    }

    /// Runs and returns the summary and the verdict lines by path.
    static func run(_ config: AssayConfig, root: String, jobs: Int = 2, rejudge: Bool = false, verify: Bool = false,
                    intake: [IntakeRecord] = [], verdicts: String) throws -> (RunSummary, [String: [String: Any]], [String]) {
        try run(config, roots: [root], jobs: jobs, rejudge: rejudge, verify: verify, intake: intake, verdicts: verdicts)
    }

    /// Runs over several folders and returns the summary and the verdict lines by path.
    static func run(_ config: AssayConfig, roots: [String], jobs: Int = 2, rejudge: Bool = false, verify: Bool = false,
                    intake: [IntakeRecord] = [], verdicts: String) throws -> (RunSummary, [String: [String: Any]], [String]) {
        var request = RunRequest(roots: roots, jobs: jobs, rejudge: rejudge, verdicts: verdicts, progress: false)
        request.verify = verify
        request.intake = intake
        let summary = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
        let lines = try String(contentsOfFile: verdicts, encoding: .utf8).split(separator: "\n").map(String.init)
        var byPath: [String: [String: Any]] = [:]
        for line in lines {
            let object = try require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            byPath[try require(object["path"] as? String)] = object
        }
        return (summary, byPath, lines)
    }

    /// The intake record of every file `ledger` holds (what `assay intake export` writes).
    static func intake(of ledger: String) throws -> [IntakeRecord] {
        var records: [IntakeRecord] = []
        try Ledger(path: ledger, readOnly: true).forEachIntakeRecord { records.append($0) }
        return records
    }

    /// A trusted time for `relative` under `root`, as a curator's intake file gives it.
    static func trusted(_ relative: String, in root: String, at time: String) throws -> IntakeRecord {
        IntakeRecord(root: URL(fileURLWithPath: root).resolvingSymlinksInPath().path, path: relative, contributor: "", modality: "",
                     submittedAt: try require(RFC3339.parse(time)))
    }

    /// The reason codes of a verdict object.
    static func codes(_ verdict: [String: Any]?) -> [String] {
        ((verdict?["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }
}

extension Optional {
    /// Unwraps or throws, for fixtures.
    struct Missing: Error {}
}

func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Optional<T>.Missing() }
    return value
}
