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
    /// Bytes the whole datanet admitted per UTC day (`utc_day`), or its admissions in time order (`rolling_24h`).
    private var datanetDays: [Int64: Int64] = [:]
    private var datanetWindow: [QuotaUsage] = []

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
        admit(QuotaUsage(submission, bytes: bytes))
    }

    /// The refusal for `usage`, or nil when it fits every limit (the contributor's, the
    /// modality's, the datanet's); a usage that fits is counted.
    public func admit(_ usage: QuotaUsage) -> Reason? {
        guard limits.quotasEnabled else { return nil }
        if let refusal = check(used(usage, modality: nil), against: limits.daily, adding: usage, scope: "") {
            return refusal
        }
        if let modality = Modality(rawValue: usage.modality), let daily = limits.perModality[modality],
           let refusal = check(used(usage, modality: usage.modality), against: daily, adding: usage, scope: "\(modality.rawValue) ") {
            return refusal
        }
        if let cap = limits.datanetDailyBytes {
            let (total, overflow) = datanetUsed(at: usage.time).addingReportingOverflow(usage.bytes)
            if overflow || total > cap {
                return Reason(CoreReasons.datanetDailyBytes, stage: "quota",
                              message: "admitting \(usage.bytes) bytes would bring the datanet's bytes \(period(usage.time)) to \(total); "
                                  + "the datanet takes \(cap) a day\(resetNote(usage.time))",
                              value: .number(Double(total)), limit: .number(Double(cap)))
            }
        }
        record(usage)
        return nil
    }

    /// Bytes the datanet admitted in the window of `time`.
    private func datanetUsed(at time: Int64) -> Int64 {
        switch limits.window {
        case .utcDay: return datanetDays[Self.day(of: time)] ?? 0
        case .rolling24h:
            let oldest = time - 86_399
            return datanetWindow.reversed().prefix { $0.time >= oldest }.reduce(0) { $0 + ($1.time <= time ? $1.bytes : 0) }
        }
    }

    /// " (the day ends at ...)" for a person who wants to know when to try again.
    private func resetNote(_ time: Int64) -> String {
        switch limits.window {
        case .utcDay: return "; the day ends at \(RFC3339.format((Self.day(of: time) + 1) * 86_400))"
        case .rolling24h: return ""
        }
    }

    private func period(_ time: Int64) -> String {
        limits.window == .utcDay ? "on \(RFC3339.day(time)) (UTC)" : "in the 24 hours before \(RFC3339.format(time))"
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
        if limits.datanetDailyBytes != nil {
            switch limits.window {
            case .utcDay: datanetDays[Self.day(of: usage.time), default: 0] += usage.bytes
            case .rolling24h:
                let oldest = usage.time - 86_399
                if let first = datanetWindow.firstIndex(where: { $0.time >= oldest }), first > 64 { datanetWindow.removeFirst(first) }
                datanetWindow.append(usage)
            }
        }
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
        let period = period(usage.time)
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
