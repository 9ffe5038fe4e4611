/// The ordered, stateful part of judging: intake verdicts, quotas, stage results and duplicate
/// indexes, one file at a time in canonical order, so the same files and config give the same
/// verdicts whatever the number of threads and whatever happened in earlier runs.
///
/// `decide` of each stateful stage sees only a read-only view of its index; the decider alone
/// admits accepted files to the indexes.
public final class Decider {
    private let stages: [Stage]
    /// One index per stage position; nil for stateless stages.
    private(set) var indexes: [DuplicateIndex?]
    /// The daily limits; `assay check` gives each checked file a keeper seeded for its own window.
    private var quota: QuotaKeeper
    private let limits: Limits
    /// The modalities the datanet collects: files of the others use no quota.
    let open: Set<Modality>
    /// Left out of duplicate searches (`assay check` on a file the ledger already holds).
    public var excluding: String?

    /// What the decider settled for one file.
    public struct Settled: Sendable {
        /// The verdict.
        public let verdict: Verdict
        /// True when the file counts against the daily quotas (``Decider/counts(_:)``).
        public let admitted: Bool
    }

    /// A decider with empty indexes and no quota usage.
    init(stages: [Stage], limits: Limits, open: Set<Modality>) {
        self.stages = stages
        indexes = stages.map { $0.stateful == nil ? nil : DuplicateIndex(stage: $0.name) }
        quota = QuotaKeeper(limits: limits)
        self.limits = limits
        self.open = open
    }

    /// True when the daily limits counted `work`'s file: it passed discovery's checks, is of a
    /// modality the datanet collects and fit the limits (``Ledger/decideAdmissions(from:open:admit:)``).
    /// It keeps counting even if reading it then refuses it (wrong type): the limits were decided
    /// before any byte was read.
    public func counts(_ work: FileWork) -> Bool {
        work.refusalBeforeReading == nil && work.submission.modality.map(open.contains) == true
    }

    /// Replaces the quota keeper with an empty one.
    public func resetQuota() {
        quota = QuotaKeeper(limits: limits)
    }

    /// The indexes of the stateful stages, for the ledger to fill.
    public var duplicateIndexes: [DuplicateIndex] { indexes.compactMap { $0 } }

    /// Takes `kept` (the indexes an earlier decider of the same pipeline filled, kept in memory
    /// between runs by `assay serve`) instead of this decider's empty ones; false, changing
    /// nothing, unless they are one per stateful stage, in order.
    public func adopt(_ kept: [DuplicateIndex]) -> Bool {
        let own = duplicateIndexes
        guard kept.count == own.count, zip(kept, own).allSatisfy({ $0.stage == $1.stage }) else { return false }
        var next = kept.makeIterator()
        indexes = indexes.map { $0 == nil ? nil : next.next() }
        return true
    }

    /// The start of the quota window holding `time` (seconds since 1970 UTC).
    public func quotaWindowStart(for time: Int64) -> Int64 {
        quota.windowStart(for: time)
    }

    /// Counts usage that was admitted before (by an earlier run, or an earlier checked file).
    public func countAdmitted(_ usage: QuotaUsage) {
        quota.seed(usage)
    }

    /// Counts `usage` against the daily limits when it fits; the refusal when it does not.
    public func admit(_ usage: QuotaUsage) -> Reason? {
        quota.admit(usage)
    }

    /// Entries admitted since the last call, per stage, for the ledger.
    public func takeIndexChanges() -> [(stage: String, entries: [DuplicateIndex.Entry])] {
        indexes.compactMap { index in
            guard let index else { return nil }
            let entries = index.takeChanges()
            return entries.isEmpty ? nil : (index.stage, entries)
        }
    }

    /// The verdict for `work`'s file, given what analysis made of it. The daily limits were
    /// decided before (`work.admission`); this folds the stages and the duplicate indexes.
    public func settle(_ work: FileWork, _ analysis: FileAnalysis) -> Settled {
        let submission = work.submission
        let counted = counts(work)
        if let refusal = work.refusalBeforeReading {
            return Settled(verdict: Verdict(refusedBeforeReading: FileRef(root: submission.root, path: submission.path), contributor: submission.contributor,
                                            modality: submission.modalityName, submittedAt: submission.submittedAt,
                                            bytes: submission.bytes, reason: refusal),
                           admitted: counted)
        }
        var verdict = Verdict(pending: submission)
        verdict.bytes = analysis.bytes
        verdict.sha256 = analysis.sha256
        verdict.mime = analysis.mime
        if let refusal = analysis.refusal {
            verdict.verdict = .refused
            verdict.reasons = [refusal]
            return Settled(verdict: verdict, admitted: counted)
        }
        if let failure = analysis.sniffFailure {
            verdict.verdict = .error
            verdict.reasons = [failure]
            return Settled(verdict: verdict, admitted: counted)
        }
        switch analysis.document {
        case .notApplicable:
            break
        case let .failure(failure):
            verdict.verdict = .error
            verdict.reasons = [Reason(code: failure.code, stage: DocumentStage.name, message: failure.message)]
            return Settled(verdict: verdict, admitted: counted)
        case let .finding(finding):
            verdict.metrics.merge(finding.metrics) { _, new in new }
            if !finding.reasons.isEmpty {
                verdict.verdict = .rejected
                verdict.reasons = finding.reasons
                return Settled(verdict: verdict, admitted: counted)
            }
        }
        decide(&verdict, key: submission.key, results: analysis.results)
        return Settled(verdict: verdict, admitted: counted)
    }

    /// Folds every stage's finding, asks stateful stages, and admits an accepted file to the indexes.
    private func decide(_ verdict: inout Verdict, key: CanonicalKey, results: [StageResult]) {
        var failed = false
        var findings: [(Int, Finding)] = []
        for (position, result) in results.enumerated() {
            switch result {
            case .notApplicable:
                continue
            case let .failure(failure):
                failed = true
                verdict.reasons.append(Reason(code: failure.code, stage: stages[position].name, message: failure.message))
            case let .finding(finding):
                verdict.reasons += finding.reasons
                verdict.metrics.merge(finding.metrics) { _, new in new }
                findings.append((position, finding))
            }
        }
        if failed {
            verdict.verdict = .error
            return
        }
        for (position, finding) in findings {
            guard let stateful = stages[position].stateful, let index = indexes[position] else { continue }
            let decision = stateful.decide(finding, of: verdict, index: index, excluding: excluding)
            verdict.reasons += decision.reasons
            verdict.metrics.merge(decision.metrics) { _, new in new }
            if verdict.duplicateOf == nil { verdict.duplicateOf = decision.duplicateOf }
        }
        verdict.verdict = verdict.reasons.isEmpty ? .accepted : .rejected
        guard verdict.verdict == .accepted else { return }
        for (position, finding) in findings {
            guard let index = indexes[position], let fingerprint = finding.fingerprint else { continue }
            index.admit(verdict.file, key: key, fingerprint: fingerprint)
        }
    }
}
