/// Applies the daily contribution limits in canonical order, one file at a time.
///
/// Usage is what the ledger says earlier runs admitted (loaded once per contributor, on first
/// sight) plus what this run admitted. A file that would pass a limit is refused and uses no quota,
/// so a smaller later file of the same day can still fit.
public final class QuotaKeeper {
    private let limits: Limits
    private let history: (String) throws(LedgerError) -> [QuotaUsage]
    private var usage: [String: [QuotaUsage]] = [:]

    /// A keeper for `limits`; `history` reads a contributor's earlier usage (empty for `assay check`).
    public init(limits: Limits, history: @escaping (String) throws(LedgerError) -> [QuotaUsage]) {
        self.limits = limits
        self.history = history
    }

    /// The refusal for `submission`, or nil when it fits; a file that fits is counted.
    public func admit(_ submission: Submission) throws(LedgerError) -> Reason? {
        guard limits.quotasEnabled else { return nil }
        var records = try records(of: submission.contributor)
        records.removeAll { $0.path == submission.path }
        let window = self.window(for: submission.submittedAt)
        let inWindow = records.filter { window.contains($0.time) }
        if let refusal = check(inWindow, against: limits.daily, adding: submission, scope: "") {
            usage[submission.contributor] = records
            return refusal
        }
        if let modality = submission.modality, let daily = limits.perModality[modality] {
            let same = inWindow.filter { $0.modality == submission.modalityName }
            if let refusal = check(same, against: daily, adding: submission, scope: "\(modality.rawValue) ") {
                usage[submission.contributor] = records
                return refusal
            }
        }
        records.append(QuotaUsage(path: submission.path, modality: submission.modalityName, time: submission.submittedAt, bytes: submission.bytes))
        usage[submission.contributor] = records
        return nil
    }

    /// Forgets a path's earlier usage (the file is judged again, or refused now).
    public func forget(_ submission: Submission) throws(LedgerError) {
        var records = try records(of: submission.contributor)
        records.removeAll { $0.path == submission.path }
        usage[submission.contributor] = records
    }

    private func records(of contributor: String) throws(LedgerError) -> [QuotaUsage] {
        if let known = usage[contributor] { return known }
        let loaded = try history(contributor)
        usage[contributor] = loaded
        return loaded
    }

    /// The UTC day of the submission, or the 24 hours up to it.
    private func window(for time: Int64) -> ClosedRange<Int64> {
        switch limits.window {
        case .utcDay:
            let start = time - ((time % 86_400) + 86_400) % 86_400
            return start...(start + 86_399)
        case .rolling24h:
            return (time - 86_399)...time
        }
    }

    private func check(_ records: [QuotaUsage], against daily: Limits.Daily, adding submission: Submission, scope: String) -> Reason? {
        let period = limits.window == .utcDay ? "on \(RFC3339.day(submission.submittedAt)) (UTC)" : "in the 24 hours before \(RFC3339.format(submission.submittedAt))"
        if let maxFiles = daily.files, records.count + 1 > maxFiles {
            return Reason(CoreReasons.dailyFiles, stage: "quota",
                          message: "\(submission.contributor) already had \(records.count) \(scope)files admitted \(period); the limit is \(maxFiles)",
                          value: .number(Double(records.count + 1)), limit: .number(Double(maxFiles)))
        }
        let used = records.reduce(Int64(0)) { $0 + $1.bytes }
        if let maxBytes = daily.bytes, used + submission.bytes > maxBytes {
            return Reason(CoreReasons.dailyBytes, stage: "quota",
                          message: "admitting \(submission.bytes) bytes would bring \(submission.contributor)'s \(scope)bytes \(period) to \(used + submission.bytes); the limit is \(maxBytes)",
                          value: .number(Double(used + submission.bytes)), limit: .number(Double(maxBytes)))
        }
        return nil
    }
}
