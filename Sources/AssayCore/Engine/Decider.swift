/// The ordered, stateful part of judging: quotas and duplicate indexes, one file at a time in
/// canonical order, so the same input gives the same verdicts whatever the number of threads.
final class Decider {
    private let stages: [Stage]
    private let indexes: [DuplicateIndex?]
    private let quota: QuotaKeeper
    private let fingerprint: String

    /// What the decider settled for one file.
    struct Settled {
        /// The verdict line.
        let line: String
        /// The verdict.
        let verdict: VerdictKind
        /// Reason codes, for the summary.
        let codes: [String]
        /// The new judgement, nil when an earlier verdict stands.
        let judgement: Judgement?
    }

    init(stages: [Stage], indexes: [DuplicateIndex?], quota: QuotaKeeper, fingerprint: String) {
        self.stages = stages
        self.indexes = indexes
        self.quota = quota
        self.fingerprint = fingerprint
    }

    /// Index changes not yet recorded, per stage.
    func takeIndexChanges() -> [(stage: String, changes: [DuplicateIndex.Change])] {
        indexes.compactMap { index in
            guard let index else { return nil }
            let changes = index.takeChanges()
            return changes.isEmpty ? nil : (index.stage, changes)
        }
    }

    func settle(_ file: DiscoveredFile, prior: PriorVerdict?, outcome: FileOutcome) throws(LedgerError) -> Settled {
        if case let .unchanged(prior) = outcome {
            return Settled(line: prior.line, verdict: prior.verdict, codes: prior.codes, judgement: nil)
        }
        let submission = file.submission
        if prior != nil {
            for index in indexes { index?.remove(path: submission.path) }
        }
        var judgement = Judgement(path: submission.path, contributor: submission.contributor, modality: submission.modalityName,
                                  bytes: submission.bytes, sha256: nil, mime: nil, submittedAt: submission.submittedAt,
                                  verdict: .accepted, reasons: [], metrics: [:], duplicateOf: nil)
        switch outcome {
        case .unchanged:
            break
        case let .refused(sha, mime, reason):
            try quota.forget(submission)
            judgement.sha256 = sha
            judgement.mime = mime
            judgement.verdict = .refused
            judgement.reasons = [reason]
        case let .failed(sha, mime, reason):
            judgement.sha256 = sha
            judgement.mime = mime
            if let refusal = try quota.admit(submission) {
                judgement.verdict = .refused
                judgement.reasons = [refusal]
            } else {
                judgement.verdict = .error
                judgement.reasons = [reason]
            }
        case let .analyzed(sha, mime, results):
            judgement.sha256 = sha
            judgement.mime = mime
            if let refusal = try quota.admit(submission) {
                judgement.verdict = .refused
                judgement.reasons = [refusal]
            } else {
                decide(&judgement, results: results)
            }
        }
        let line = VerdictLine.encode(judgement)
        return Settled(line: line, verdict: judgement.verdict, codes: judgement.reasons.map(\.code), judgement: judgement)
    }

    /// Folds every stage's finding, asks stateful stages, and admits an accepted file to the indexes.
    private func decide(_ judgement: inout Judgement, results: [StageResult]) {
        var failed = false
        var findings: [(Int, Finding)] = []
        for (position, result) in results.enumerated() {
            switch result {
            case .notApplicable:
                continue
            case let .failure(failure):
                failed = true
                judgement.reasons.append(Reason(code: failure.code, stage: stages[position].name, message: failure.message))
            case let .finding(finding):
                judgement.reasons += finding.reasons
                judgement.metrics.merge(finding.metrics) { _, new in new }
                findings.append((position, finding))
            }
        }
        if failed {
            judgement.verdict = .error
            return
        }
        for (position, finding) in findings {
            guard let stateful = stages[position].stateful, let index = indexes[position] else { continue }
            let decision = stateful.decide(finding, of: judgement, index: index)
            judgement.reasons += decision.reasons
            judgement.metrics.merge(decision.metrics) { _, new in new }
            if judgement.duplicateOf == nil { judgement.duplicateOf = decision.duplicateOf }
        }
        judgement.verdict = judgement.reasons.isEmpty ? .accepted : .rejected
        guard judgement.verdict == .accepted else { return }
        for (position, finding) in findings {
            guard let stateful = stages[position].stateful, let index = indexes[position] else { continue }
            stateful.admit(finding, of: judgement, index: index)
        }
    }
}
