/// Applies the daily contribution limits one file at a time, in canonical order, in O(1) per file.
///
/// For `utc_day` it keeps a running (files, bytes) total per (contributor, day) and per
/// (contributor, modality, day); for `rolling_24h` a time-ordered window per contributor whose
/// old end is dropped as time advances. A file that would pass a limit is refused and uses no
/// quota, so a smaller later file of the same day can still fit.
public final class QuotaKeeper {
    private struct Bucket: Hashable {
        let contributor: String
        /// "" for the limit across modalities.
        let modality: String
        let day: Int64
    }

    private struct Total {
        var files = 0
        var bytes: Int64 = 0
    }

    private let limits: Limits
    private var totals: [Bucket: Total] = [:]
    private var windows: [String: [QuotaUsage]] = [:]

    /// A keeper for `limits` with no usage yet.
    public init(limits: Limits) {
        self.limits = limits
    }

    /// Counts a file admitted before the point where deciding starts (read from the ledger).
    public func seed(_ usage: QuotaUsage) {
        record(usage)
    }

    /// The refusal for a file of `bytes` bytes, or nil when it fits; a file that fits is counted.
    public func admit(_ submission: Submission, bytes: Int64) -> Reason? {
        guard limits.quotasEnabled else { return nil }
        let usage = QuotaUsage(contributor: submission.contributor, modality: submission.modalityName, time: submission.submittedAt, bytes: bytes)
        if let refusal = check(used(usage, modality: nil), against: limits.daily, adding: usage, scope: "") {
            return refusal
        }
        if let modality = submission.modality, let daily = limits.perModality[modality],
           let refusal = check(used(usage, modality: submission.modalityName), against: daily, adding: usage, scope: "\(modality.rawValue) ") {
            return refusal
        }
        record(usage)
        return nil
    }

    /// The start of the window that `time` falls in, for loading earlier usage from the ledger.
    public func windowStart(for time: Int64) -> Int64 {
        switch limits.window {
        case .utcDay: return Self.day(of: time) * 86_400
        case .rolling24h: return time - 86_399
        }
    }

    private static func day(of time: Int64) -> Int64 {
        time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
    }

    private func record(_ usage: QuotaUsage) {
        switch limits.window {
        case .utcDay:
            let day = Self.day(of: usage.time)
            for modality in ["", usage.modality] {
                let bucket = Bucket(contributor: usage.contributor, modality: modality, day: day)
                totals[bucket, default: Total()].files += 1
                totals[bucket, default: Total()].bytes += usage.bytes
            }
        case .rolling24h:
            var window = windows[usage.contributor] ?? []
            // Canonical order makes times non-decreasing: drop what left the window for good.
            let oldest = usage.time - 86_399
            if let first = window.firstIndex(where: { $0.time >= oldest }) {
                if first > 64 { window.removeFirst(first) }
            } else {
                window.removeAll()
            }
            window.append(usage)
            windows[usage.contributor] = window
        }
    }

    private func used(_ usage: QuotaUsage, modality: String?) -> Total {
        switch limits.window {
        case .utcDay:
            return totals[Bucket(contributor: usage.contributor, modality: modality ?? "", day: Self.day(of: usage.time))] ?? Total()
        case .rolling24h:
            var total = Total()
            let oldest = usage.time - 86_399
            for earlier in (windows[usage.contributor] ?? []).reversed() {
                if earlier.time < oldest { break }
                guard earlier.time <= usage.time, modality == nil || earlier.modality == modality else { continue }
                total.files += 1
                total.bytes += earlier.bytes
            }
            return total
        }
    }

    private func check(_ used: Total, against daily: Limits.Daily, adding usage: QuotaUsage, scope: String) -> Reason? {
        let period = limits.window == .utcDay ? "on \(RFC3339.day(usage.time)) (UTC)" : "in the 24 hours before \(RFC3339.format(usage.time))"
        if let maxFiles = daily.files, used.files + 1 > maxFiles {
            return Reason(CoreReasons.dailyFiles, stage: "quota",
                          message: "\(usage.contributor) already had \(used.files) \(scope)files admitted \(period); the limit is \(maxFiles)",
                          value: .number(Double(used.files + 1)), limit: .number(Double(maxFiles)))
        }
        let (total, overflow) = used.bytes.addingReportingOverflow(usage.bytes)
        if let maxBytes = daily.bytes, overflow || total > maxBytes {
            return Reason(CoreReasons.dailyBytes, stage: "quota",
                          message: "admitting \(usage.bytes) bytes would bring \(usage.contributor)'s \(scope)bytes \(period) to \(total); the limit is \(maxBytes)",
                          value: .number(Double(total)), limit: .number(Double(maxBytes)))
        }
        return nil
    }
}
