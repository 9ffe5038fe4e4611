import Foundation

/// Reads verdict lines from the ledger and computes the report's numbers.
public struct ReportBuilder: Sendable {
    /// Which metrics get a histogram: modality, metric, title, bin width.
    public static let histogramSpecs: [(modality: String, metric: String, title: String, width: Double)] = [
        ("text", "text.score", "Text quality score", 0.05),
        ("text", "text.words", "Text length (words)", 250),
        ("image", "png.width", "Image width (px)", 64),
        ("image", "png.height", "Image height (px)", 64),
        ("audio", "audio.seconds", "Audio duration (s)", 2),
        ("audio", "audio.snr_db", "Audio SNR (dB, WADA)", 5),
    ]

    /// The most rejected or refused files listed one by one.
    public let problemLimit: Int

    /// A builder listing at most `problemLimit` problem files.
    public init(problemLimit: Int = 5_000) {
        self.problemLimit = problemLimit
    }

    /// Builds the report of `runID` (the whole ledger when nil).
    public func build(from ledger: Ledger, runID: Int64?) throws(LedgerError) -> ReportData {
        var data = ReportData()
        data.runID = runID
        let stages = ["intake", "quota"] + ((try ledger.runStages(runID: runID))?.stages ?? [])
        var droppedAt = [Int](repeating: 0, count: stages.count + 1)
        var codes: [String: Int] = [:]
        var values: [Int: [Double]] = [:]
        try ledger.forEachVerdict(runID: runID) { verdict in
            let kind = verdict.verdict
            data.verdicts[kind, default: 0] += 1
            data.byModality[verdict.modality, default: [:]][kind, default: 0] += 1
            var first = stages.count
            // Files per code: a file that breaks three n-gram limits counts once for text.top_ngram.
            for code in Set(verdict.reasons.map(\.code)) { codes[code, default: 0] += 1 }
            for reason in verdict.reasons {
                if let at = stages.firstIndex(of: reason.stage) { first = min(first, at) }
            }
            if kind != .accepted && first == stages.count { first = stages.count - 1 }
            droppedAt[first] += 1
            if kind == .rejected || kind == .refused {
                if data.problems.count < problemLimit {
                    data.problems.append(ReportData.Problem(path: verdict.path, verdict: kind.rawValue,
                                                            reasons: verdict.reasons.map { ($0.code, $0.message) }))
                } else {
                    data.problemsOmitted += 1
                }
            }
            for (i, spec) in Self.histogramSpecs.enumerated() where spec.modality == verdict.modality {
                if let value = verdict.metrics[spec.metric], value.isFinite { values[i, default: []].append(value) }
            }
        }
        var remaining = data.total
        data.funnel = stages.enumerated().map { at, stage in
            remaining -= droppedAt[at]
            return ReportData.FunnelStep(stage: stage, remaining: remaining)
        }
        data.topReasons = codes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        data.histograms = Self.histogramSpecs.enumerated().compactMap { i, spec in
            guard let list = values[i], !list.isEmpty else { return nil }
            return Self.histogram(list, spec: spec)
        }
        data.leaderboard = Ranker().rank(try ledger.tallies(runID: runID))
        return data
    }

    private static func histogram(_ values: [Double], spec: (modality: String, metric: String, title: String, width: Double)) -> ReportData.Histogram {
        let low = (values.min() ?? 0) / spec.width
        let high = (values.max() ?? 0) / spec.width
        let lower = low.rounded(.down) * spec.width
        var width = spec.width
        var bins = Int(high.rounded(.down) - low.rounded(.down)) + 1
        // Keep charts readable: at most 40 bins.
        while bins > 40 {
            width *= 2
            bins = Int(((values.max() ?? 0) - lower) / width) + 1
        }
        var counts = [Int](repeating: 0, count: bins)
        for value in values { counts[min(bins - 1, max(0, Int((value - lower) / width)))] += 1 }
        return ReportData.Histogram(title: spec.title, modality: spec.modality, metric: spec.metric, lower: lower, width: width, counts: counts)
    }
}
