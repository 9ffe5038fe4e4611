/// What a worker made of one file, handed to the decider in canonical order.
enum FileOutcome: Sendable {
    /// Same content, same config, final verdict: the recorded verdict stands.
    case unchanged(PriorVerdict)
    /// Turned away at intake.
    case refused(sha256: String?, mime: String?, Reason)
    /// Assay failed on the file (the sniffer).
    case failed(sha256: String?, mime: String?, Reason)
    /// Every applicable stage ran.
    case analyzed(sha256: String, mime: String, results: [StageResult])
}

/// One stage's result for one file.
enum StageResult: Sendable {
    /// The stage does not apply to the file's modality.
    case notApplicable
    /// The stage examined the file.
    case finding(Finding)
    /// The stage failed.
    case failure(StageFailure)
}
