import Foundation

/// The contributor's pre-check: the same intake and stages as a run, on files named one by one,
/// with no ledger and no quotas. Duplicates are found among the files checked together.
public struct CheckSession {
    private let config: AssayConfig
    private let sniffer: any MIMESniffer

    /// A session for `config`.
    public init(config: AssayConfig, sniffer: any MIMESniffer) {
        self.config = config
        self.sniffer = sniffer
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
    public func check(paths: [String]) -> [Judgement] {
        var limits = config.limits
        limits.quotasEnabled = false
        let quota = QuotaKeeper(limits: limits) { _ throws(LedgerError) in [] }
        let indexes = config.pipeline.map { $0.stateful == nil ? nil : DuplicateIndex(stage: $0.name) }
        let decider = Decider(stages: config.pipeline, indexes: indexes, quota: quota, fingerprint: config.fingerprint)
        let judge = FileJudge(config: config, sniffer: sniffer, rejudge: true)
        let rules = IntakeRules(maxFileBytes: config.limits.maxFileBytes)
        return paths.map { path in
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            let place = Self.submission(for: path)
            let file = rules.examine(path: (absolute as NSString).standardizingPath, relative: path, contributor: place.contributor,
                                     modality: place.modality, realRoot: "/")
            let outcome = judge.judge(file, prior: nil)
            // Without a ledger the quota keeper never fails.
            let settled = try? decider.settle(file, prior: nil, outcome: outcome)
            return settled?.judgement ?? Judgement(
                path: path, contributor: place.contributor, modality: place.modality, bytes: file.submission.bytes, sha256: nil,
                mime: nil, submittedAt: file.submission.submittedAt, verdict: .error,
                reasons: [Reason(CoreReasons.stageFailed, stage: "check", message: "the file could not be judged")],
                metrics: [:], duplicateOf: nil)
        }
    }
}
