/// The judging machinery one config describes, built once and used by `assay run` and
/// `assay check` alike: the stages, the intake gate, the file reader and sniffer, and the
/// fingerprints that say which stored findings and verdicts are still valid.
public struct Pipeline: Sendable {
    /// The config it was built from.
    public let config: AssayConfig
    let sniffer: any MIMESniffer
    let gate: IntakeGate

    /// The pipeline for `config`, sniffing MIME types with `sniffer`.
    public init(config: AssayConfig, sniffer: any MIMESniffer) {
        self.config = config
        self.sniffer = sniffer
        gate = IntakeGate(rules: config.modalities)
    }

    /// The analysis step; with `rejudge` nothing stored is reused, with `verify` every file is
    /// read and hashed again and its stored findings reused only when the hash is equal.
    public func analyzer(rejudge: Bool, verify: Bool = false, retryErrors: Bool = false) -> FileAnalyzer {
        FileAnalyzer(stages: config.pipeline, gate: gate, sniffer: sniffer, reader: FileReader(maxFileBytes: config.limits.maxFileBytes),
                     rejudge: rejudge, verify: verify, stageTimeout: config.limits.stageTimeout, retryErrors: retryErrors)
    }

    /// What `analyzed_under` carries besides the analysis fingerprint for a file a stage timed
    /// out on: the budget, so a larger `stage_timeout` makes the file stale (and runs the stage
    /// again) while the same budget leaves it alone.
    public var timeoutMark: String { "|timeout:\(config.limits.stageTimeout)" }

    /// A decide step with empty indexes and quotas.
    public func decider() -> Decider {
        Decider(stages: config.pipeline, limits: config.limits, open: config.modalities.open)
    }

    /// Analysis fingerprints per modality.
    public var analysisFingerprints: [Modality: String] {
        Dictionary(uniqueKeysWithValues: Modality.allCases.map { ($0, config.analysisFingerprint(for: $0)) })
    }

    /// Decodes the stored fingerprint of the stage named `stage`.
    public func restoreFingerprint(stage: String, bytes: [UInt8]) -> (any StageFingerprint)? {
        config.pipeline.first { $0.name == stage }?.stateful?.restoreFingerprint(bytes)
    }

    /// The analysis fingerprint to record for a file: nil when the analysis failed somewhere (the
    /// file is analyzed again next run) or the file never reached analysis.
    public func analyzedUnder(_ work: FileWork, _ analysis: FileAnalysis) -> String? {
        // Never read (over a daily limit): nothing was analyzed under any rules.
        guard work.admission == nil else { return nil }
        // A refusal found by reading (unreadable, not a regular file) is a fact about the file as
        // its stat shows it: recorded, so the file does not move the replay point every run.
        guard analysis.complete, let modality = work.submission.modality else { return nil }
        return config.analysisFingerprint(for: modality) + (analysis.timedOut ? timeoutMark : "")
    }
}
