/// Intake limits: the largest file Assay reads and the daily contribution quotas.
public struct Limits: Sendable, Equatable {
    /// How a "day" is counted for quotas.
    public enum Window: String, Sendable, CaseIterable {
        /// The calendar day in UTC.
        case utcDay = "utc_day"
        /// The 24 hours before each submission.
        case rolling24h = "rolling_24h"
    }

    /// A pair of daily limits; nil switches that limit off.
    public struct Daily: Sendable, Equatable {
        /// Files admitted per contributor per day.
        public var files: Int?
        /// Bytes admitted per contributor per day.
        public var bytes: Int64?
        /// Creates daily limits.
        public init(files: Int?, bytes: Int64?) {
            self.files = files
            self.bytes = bytes
        }
    }

    /// Files larger than this are refused without being read.
    public var maxFileBytes: Int64 = 10_000_000
    /// Limits across all modalities.
    public var daily = Daily(files: 20, bytes: 10_000_000)
    /// Extra limits per modality, on top of `daily`.
    public var perModality: [Modality: Daily] = [:]
    /// Bytes the whole datanet admits per day (all contributors together), nil for no cap. Off by
    /// default, so that existing datanets judge as before; the rules a datanet follows often set
    /// 10 MB.
    public var datanetDailyBytes: Int64?
    /// The quota window.
    public var window: Window = .utcDay
    /// False switches every quota off.
    public var quotasEnabled = true
    /// CPU seconds one stage may spend on one file before the file gets `error` (`stage.timeout`).
    public var stageTimeout: Double = 60

    /// The shipped defaults: 20 files and 10 MB per contributor per UTC day, 10 MB per file.
    public init() {}
}
