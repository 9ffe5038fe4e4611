/// The numbers of a report: what `assay report` draws as HTML and prints with `--format json`.
public struct ReportData: Sendable {
    /// A step of the verdict funnel: files still in after the stage.
    public struct FunnelStep: Sendable, Equatable {
        /// The stage (`intake`, `quota`, then each validator).
        public let stage: String
        /// Files that passed this stage and every earlier one.
        public let remaining: Int
    }

    /// A histogram of one metric for one modality.
    public struct Histogram: Sendable, Equatable {
        /// What is measured, for people.
        public let title: String
        /// The modality.
        public let modality: String
        /// The metric name in verdict lines.
        public let metric: String
        /// Lower edge of the first bin.
        public let lower: Double
        /// Width of each bin.
        public let width: Double
        /// Count per bin.
        public let counts: [Int]
        /// Files that had the metric.
        public var total: Int { counts.reduce(0, +) }
    }

    /// A rejected or refused file and its reasons.
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

    /// The run reported, or nil for the whole ledger.
    public var runID: Int64?
    /// Files per verdict.
    public var verdicts: [VerdictKind: Int] = [:]
    /// Files per modality and verdict.
    public var byModality: [String: [VerdictKind: Int]] = [:]
    /// The funnel, stage by stage.
    public var funnel: [FunnelStep] = []
    /// Reason codes by frequency.
    public var topReasons: [(code: String, count: Int)] = []
    /// Metric histograms per modality.
    public var histograms: [Histogram] = []
    /// The leaderboard.
    public var leaderboard: [Ranker.Row] = []
    /// Every rejected or refused file, up to `problemLimit`.
    public var problems: [Problem] = []
    /// Rejected or refused files beyond the listed ones.
    public var problemsOmitted = 0

    /// Files counted.
    public var total: Int { verdicts.values.reduce(0, +) }

    /// An empty report.
    public init() {}
}
