import AssayCore
/// A histogram of one metric for one modality, as drawn: bins between `edges`, on a linear or
/// logarithmic axis, with the values outside the drawn range counted apart (so one 165 s clip
/// does not squash every other clip into one bar).
public struct MetricHistogram: Sendable, Equatable {
    /// How the x axis is spaced.
    public enum Scale: String, Sendable {
        /// Equal-width bins.
        case linear
        /// Bins of equal width in log10 (values spanning orders of magnitude, all above zero).
        case log
    }

    /// What is measured, for people.
    public let title: String
    /// The modality.
    public let modality: String
    /// The metric name in verdict lines.
    public let metric: String
    /// The axis.
    public let scale: Scale
    /// Bin edges, ascending: `counts.count + 1` of them.
    public let edges: [Double]
    /// Files per bin.
    public let counts: [Int]
    /// Files below the first edge (outliers, left out of the drawn range).
    public let below: Int
    /// Files above the last edge (outliers).
    public let above: Int
    /// Where the axis is labelled: round numbers within the drawn range.
    public let ticks: [Double]
    /// The median of every value, the clipped ones too.
    public let median: Double
    /// The smallest and largest value, the clipped ones too.
    public let minimum: Double, maximum: Double

    /// Files that had the metric.
    public var total: Int { counts.reduce(0, +) + below + above }
}
