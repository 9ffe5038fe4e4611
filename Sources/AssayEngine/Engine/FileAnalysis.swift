/// What analysis made of one file: the facts read from it and each stage's result. Pure data,
/// made on any worker thread and handed to the decider in canonical order.
public struct FileAnalysis: Sendable {
    /// Bytes read (or `stat`'s size when the file was not read).
    public var bytes: Int64
    /// Hex SHA-256, nil when the file could not be read.
    public var sha256: String?
    /// Sniffed MIME type, nil when not sniffed.
    public var mime: String?
    /// Why the file was turned away at intake (discovery, reading, the modality gate).
    public var refusal: Reason?
    /// The sniffer failed: the file gets `error` and is retried next run.
    public var sniffFailure: Reason?
    /// One result per pipeline stage, in pipeline order.
    public var results: [StageResult]
    /// Findings made now (not reused), for the ledger: stage name, stage fingerprint, finding.
    public var fresh: [(stage: String, stageFingerprint: String, finding: Finding)]
    /// True when the file's bytes were read in this run.
    public var read: Bool
    /// True when the bytes read differ from those the stored findings were made from: the ledger
    /// drops the old findings.
    public var newContent = false
    /// What the `document` pseudo stage made of a PDF or DOCX in a text folder (``DocumentStage``):
    /// a finding with its metrics or its problem, or a failure; `.notApplicable` for every other file.
    public var document: StageResult = .notApplicable

    /// An analysis that ends at intake.
    init(refused reason: Reason, bytes: Int64, stageCount: Int, sha256: String? = nil, mime: String? = nil, read: Bool = false) {
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
        refusal = reason
        sniffFailure = nil
        results = Array(repeating: .notApplicable, count: stageCount)
        fresh = []
        self.read = read
    }

    /// An analysis that reached the stages.
    init(bytes: Int64, sha256: String?, mime: String?, sniffFailure: Reason?, results: [StageResult],
         fresh: [(stage: String, stageFingerprint: String, finding: Finding)], read: Bool) {
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
        refusal = nil
        self.sniffFailure = sniffFailure
        self.results = results
        self.fresh = fresh
        self.read = read
    }

    /// True when nothing failed but by running out of its CPU budget (a timeout is stored and
    /// stands), so the analysis can be reused by a later run.
    public var complete: Bool {
        sniffFailure == nil && !([document] + results).contains {
            if case let .failure(failure) = $0 { return failure.code != CoreReasons.stageTimeout.code } else { return false }
        }
    }

    /// True when a stage ran out of its CPU budget on the file.
    public var timedOut: Bool {
        ([document] + results).contains { if case let .failure(failure) = $0 { return failure.code == CoreReasons.stageTimeout.code } else { return false } }
    }
}

/// One stage's result for one file.
public enum StageResult: Sendable {
    /// The stage does not apply to the file (another modality, or the file was refused).
    case notApplicable
    /// The stage examined the file (now or in an earlier run under the same options).
    case finding(Finding)
    /// The stage failed: the file gets `error` and is retried next run.
    case failure(StageFailure)
}
