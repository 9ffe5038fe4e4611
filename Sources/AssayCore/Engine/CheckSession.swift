import Foundation

/// The contributor's pre-check: the same ``Pipeline`` as a run (intake, stages, decide), on
/// files named one by one. With a curator's ledger (opened read only, never written) a file is
/// also decided against what the datanet already accepted: a copy of an accepted file is
/// reported as its duplicate, and the day's quota counts what the ledger admitted.
public struct CheckSession {
    private let pipeline: Pipeline
    private let ledger: Ledger?

    /// A session for `pipeline`, deciding against `ledger` when one is given.
    public init(pipeline: Pipeline, ledger: Ledger? = nil) {
        self.pipeline = pipeline
        self.ledger = ledger
    }

    private static let extensions: [String: Modality] = [
        "txt": .text, "md": .text, "markdown": .text, "png": .image,
        "wav": .audio, "flac": .audio, "ogg": .audio, "oga": .audio, "opus": .audio, "mp3": .audio,
    ]

    /// The submission for a path: contributor and modality from a `CONTRIBUTOR/MODALITY/` part of
    /// the path when there is one, else the modality from the file extension.
    public static func submission(for path: String) -> (contributor: String, modality: String) {
        let parts = path.split(separator: "/").map(String.init)
        if let at = parts.dropLast().lastIndex(where: { Modality(rawValue: $0) != nil }) {
            return (at > 0 ? parts[at - 1] : "you", parts[at])
        }
        let ext = (path as NSString).pathExtension.lowercased()
        return ("you", extensions[ext]?.rawValue ?? (ext.isEmpty ? "unknown" : ext))
    }

    /// Judges each file, in the order given.
    public func check(paths: [String]) throws(LedgerError) -> [Verdict] {
        let decider = pipeline.decider()
        let rules = IntakeRules(maxFileBytes: pipeline.config.limits.maxFileBytes)
        let analyzer = pipeline.analyzer(rejudge: true)
        let cwd = FileStatus.realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        let files = paths.map { path -> DiscoveredFile in
            let absolute = (path.hasPrefix("/") ? path : cwd + "/" + path) as NSString
            let place = Self.submission(for: path)
            var file = rules.examine(path: absolute.standardizingPath, relative: path, contributor: place.contributor,
                                     modality: place.modality, realRoot: "/")
            file.submission.root = cwd
            return file
        }
        if let ledger {
            try ledger.loadIndexes(decider, before: nil)
            if let earliest = files.map(\.submission.submittedAt).min() {
                try ledger.seedQuota(decider, since: decider.quota.windowStart(for: earliest))
            }
        }
        return files.map { file in
            let submission = file.submission
            decider.excluding = FileStatus.realPath(submission.absolutePath)
            let analysis = analyzer.analyze(FileWork(submission: submission, refusal: file.refusal, stored: nil))
            return decider.settle(submission, analysis).verdict
        }
    }
}
