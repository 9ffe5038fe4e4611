import AssayCore
/// The numbers of a report: what `assay report` draws as HTML and prints with `--format json`.
/// Every list in it is bounded (examples per code, contributors shown, bins per histogram), so
/// a report of a million files is the size of a report of a thousand.
public struct ReportData: Sendable {
    /// A step of a verdict funnel: files still in after the stage.
    public struct FunnelStep: Sendable, Equatable {
        /// The stage (`intake`, `quota`, then each validator).
        public let stage: String
        /// Files that passed this stage and every earlier one.
        public let remaining: Int
    }

    /// A rejected or refused file and its reasons (kept for `report --format json`'s `problems`:
    /// now the examples of every reason group, each file once).
    public struct Problem: Sendable, Equatable {
        /// Path relative to the folder judged.
        public let path: String
        /// Its verdict.
        public let verdict: String
        /// `code: message` for each reason.
        public let reasons: [(code: String, message: String)]

        /// Compares problems field by field.
        public static func == (a: Problem, b: Problem) -> Bool {
            a.path == b.path && a.verdict == b.verdict && a.reasons.map(\.code) == b.reasons.map(\.code)
                && a.reasons.map(\.message) == b.reasons.map(\.message)
        }
    }

    /// The histogram's name before version 0.2; kept for one version.
    @available(*, deprecated, renamed: "MetricHistogram")
    public typealias Histogram = MetricHistogram

    /// The run reported, or nil for the whole ledger.
    public var runID: Int64?
    /// Files per verdict.
    public var verdicts: [VerdictKind: Int] = [:]
    /// Files per modality and verdict.
    public var byModality: [String: [VerdictKind: Int]] = [:]
    /// The funnel over every file, stages chained in pipeline order (as before version 0.2; the
    /// per-modality ``funnels`` are what the page draws).
    public var funnel: [FunnelStep] = []
    /// One funnel per modality, through the stages that apply to it.
    public var funnels: [String: [FunnelStep]] = [:]
    /// Reason codes by frequency (files carrying each).
    public var topReasons: [(code: String, count: Int)] = []
    /// Reason groups by frequency, with examples.
    public var reasonGroups: [ReasonGroup] = []
    /// Metric histograms per modality.
    public var histograms: [MetricHistogram] = []
    /// The leaderboard: every ranked contributor.
    public var leaderboard: [Ranker.Row] = []
    /// Sections for the best- and worst-ranked contributors, in rank order.
    public var contributors: [ContributorSection] = []
    /// The example files of every reason group, each once, in canonical order.
    public var problems: [Problem] = []
    /// Rejected or refused files not among ``problems``.
    public var problemsOmitted = 0

    /// Files counted.
    public var total: Int { verdicts.values.reduce(0, +) }

    /// An empty report.
    public init() {}
}
