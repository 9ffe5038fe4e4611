/// What a stateful stage decided for one file, in canonical order.
public struct Decision: Sendable {
    /// Reasons to reject (duplicates).
    public var reasons: [Reason]
    /// Extra metrics (the similarity to the closest earlier file).
    public var metrics: [String: Double]
    /// The earlier file this one copies.
    public var duplicateOf: FileRef?

    /// Creates a decision; the default passes.
    public init(reasons: [Reason] = [], metrics: [String: Double] = [:], duplicateOf: FileRef? = nil) {
        self.reasons = reasons
        self.metrics = metrics
        self.duplicateOf = duplicateOf
    }
}
