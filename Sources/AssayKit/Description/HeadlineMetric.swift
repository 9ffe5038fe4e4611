/// A metric the report draws as a histogram, with the title people read (units in brackets).
public struct HeadlineMetric: Sendable, Equatable {
    /// The metric's key in findings (`png.width`).
    public let metric: String
    /// The chart's title (`Image width (px)`).
    public let title: String

    /// Names a metric and its chart title.
    public init(_ metric: String, title: String) {
        self.metric = metric
        self.title = title
    }
}
