import AssayCore
import Foundation

/// Reads verdict lines from the ledger, once and in canonical order, and computes the report's
/// numbers. Memory holds the metric values being binned (one number per file and histogram) and
/// bounded lists; everything shown is capped so the page stays small at any datanet size.
public struct ReportBuilder: Sendable {
    /// Which metrics get a histogram, in page order: each validator's headline metrics
    /// (``ValidatorRegistry/histograms``).
    public let histogramSpecs: [(modality: String, metric: String, title: String)]

    /// Days shown in a contributor's section.
    public static let daysShown = 60

    /// Example files listed per reason code.
    public let examplesPerCode: Int
    /// Contributor sections: this many from the top of the leaderboard and as many from the bottom.
    public let contributorsAtEachEnd: Int
    /// The reason codes the registry declares, for meanings, hints and curator notes.
    public let codes: [ReasonCode]
    /// The modalities each stage of the pipeline applies to (from the config); a stage missing
    /// here is placed in the funnel of each modality whose files it gave a reason to.
    public let stageModalities: [String: Set<Modality>]

    /// A builder; `examplesPerCode` defaults to 20 files per code and `contributorsAtEachEnd` to 25.
    public init(examplesPerCode: Int = 20, contributorsAtEachEnd: Int = 25, codes: [ReasonCode] = [],
                histograms: [(modality: String, metric: String, title: String)] = [], stageModalities: [String: Set<Modality>] = [:]) {
        self.examplesPerCode = examplesPerCode
        self.contributorsAtEachEnd = contributorsAtEachEnd
        self.codes = codes
        histogramSpecs = histograms
        self.stageModalities = stageModalities
    }

    /// A builder with the registry's reason codes and headline histograms.
    public init(registry: ValidatorRegistry, examplesPerCode: Int = 20, contributorsAtEachEnd: Int = 25,
                stageModalities: [String: Set<Modality>] = [:]) {
        self.init(examplesPerCode: examplesPerCode, contributorsAtEachEnd: contributorsAtEachEnd, codes: registry.reasonCodes,
                  histograms: registry.histograms, stageModalities: stageModalities)
    }

    /// The builder of version 0.1, which listed up to `problemLimit` problem files; the report now
    /// lists examples per reason code instead. Kept for one version.
    @available(*, deprecated, message: "use init(examplesPerCode:contributorsAtEachEnd:codes:stageModalities:)")
    public init(problemLimit: Int) {
        self.init()
    }

    /// Builds the report of `runID` (the whole ledger when nil).
    public func build(from ledger: Ledger, runID: Int64?) throws(LedgerError) -> ReportData {
        var data = ReportData()
        data.runID = runID
        let stages = ["intake", "quota"] + ((try ledger.runStages(runID: runID))?.stages ?? [])
        var droppedAt = [Int](repeating: 0, count: stages.count + 1)
        var droppedPerModality: [String: [Int]] = [:]
        var groups: [String: ReasonGroup] = [:]
        var values: [Int: [Double]] = [:]
        let decoder = JSONDecoder()
        if let key = ReportLine.binnedMetrics { decoder.userInfo[key] = Set(histogramSpecs.map(\.metric)) }
        try ledger.forEachVerdictLine(runID: runID) { line in
            let verdict = try decoder.decode(ReportLine.self, from: Data(line.utf8))
            let kind = verdict.verdict
            data.verdicts[kind, default: 0] += 1
            data.byModality[verdict.modality, default: [:]][kind, default: 0] += 1
            var first = stages.count
            for reason in verdict.reasons {
                if let at = stages.firstIndex(of: reason.stage) { first = min(first, at) }
            }
            if kind != .accepted && first == stages.count { first = stages.count - 1 }
            droppedAt[first] += 1
            droppedPerModality[verdict.modality, default: [Int](repeating: 0, count: stages.count + 1)][first] += 1

            var listed = false
            for (code, reasons) in Self.byCode(verdict.reasons) {
                let more = reasons.count > 1 ? " (and \(reasons.count - 1) more of this code)" : ""
                let example = ReasonGroup.Example(path: verdict.path, contributor: verdict.contributor, verdict: kind,
                                                  message: Self.clip(reasons[0].message) + more)
                if (groups[code]?.examples.count ?? 0) < examplesPerCode { listed = true }
                groups[code, default: ReasonGroup(code: code)].add(example, examples: examplesPerCode, hint: reasons[0].hint)
            }
            if kind == .rejected || kind == .refused || kind == .error {
                if listed {
                    data.problems.append(ReportData.Problem(path: verdict.path, verdict: kind.rawValue,
                                                            reasons: verdict.reasons.map { ($0.code, Self.clip($0.message)) }))
                } else {
                    data.problemsOmitted += 1
                }
            }
            for (i, spec) in histogramSpecs.enumerated() where spec.modality == verdict.modality {
                if let value = verdict.metrics.values[spec.metric], value.isFinite { values[i, default: []].append(value) }
            }
        }
        var remaining = data.total
        data.funnel = stages.enumerated().map { at, stage in
            remaining -= droppedAt[at]
            return ReportData.FunnelStep(stage: stage, remaining: remaining)
        }
        for (modality, dropped) in droppedPerModality {
            var left = data.byModality[modality].map { $0.values.reduce(0, +) } ?? 0
            let kind = Modality(rawValue: modality)
            data.funnels[modality] = stages.enumerated().compactMap { at, stage in
                let applies = at < 2 || dropped[at] > 0 || kind.map { stageModalities[stage]?.contains($0) ?? false } ?? false
                guard applies else { return nil }
                left -= dropped[at]
                return ReportData.FunnelStep(stage: stage, remaining: left)
            }
        }
        let declared = Dictionary(codes.flatMap { code in ([code.code] + code.aliases).map { ($0, code) } }, uniquingKeysWith: { a, _ in a })
        data.reasonGroups = groups.values.map { group in
            var group = group
            if let code = declared[group.code] {
                group.meaning = code.meaning
                group.hint = code.hint
                group.curatorNote = code.curatorNote
            }
            return group
        }.sorted { $0.files != $1.files ? $0.files > $1.files : $0.code < $1.code }
        data.topReasons = data.reasonGroups.map { ($0.code, $0.files) }
        data.histograms = histogramSpecs.enumerated().compactMap { i, spec in
            guard let list = values[i], !list.isEmpty else { return nil }
            return HistogramBinning.histogram(list, title: spec.title, modality: spec.modality, metric: spec.metric)
        }
        data.leaderboard = Ranker().rank(try ledger.tallies(runID: runID))
        let board = data.leaderboard
        let shown = board.count <= 2 * contributorsAtEachEnd
            ? board : Array(board.prefix(contributorsAtEachEnd)) + Array(board.suffix(contributorsAtEachEnd))
        data.contributors = try shown.map { row throws(LedgerError) in
            ContributorSection(row: row, days: try ledger.contributorDays(row.tally.contributor, runID: runID, limit: Self.daysShown),
                               topReasons: try ledger.contributorCodes(row.tally.contributor, runID: runID, limit: 5))
        }
        return data
    }

    /// A file's reasons grouped by code, in the order the codes first appear.
    static func byCode(_ reasons: [ReportLine.Cause]) -> [(String, [ReportLine.Cause])] {
        var order: [String] = []
        var grouped: [String: [ReportLine.Cause]] = [:]
        for reason in reasons {
            if grouped[reason.code] == nil { order.append(reason.code) }
            grouped[reason.code, default: []].append(reason)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }

    /// A message cut to 300 characters: a plugin's message must not make the page unbounded.
    static func clip(_ message: String) -> String {
        message.count <= 300 ? message : String(message.prefix(299)) + "…"
    }
}
