/// What one stage's `analyze` found in one file: reasons to reject, metrics to record, and an
/// optional payload (signatures, hashes) that the same stage's `decide` reads later.
public struct Finding: Sendable {
    /// Problems found; any reason rejects the file.
    public var reasons: [Reason]
    /// Measured values, named `family.metric` (`png.width`, `text.words`).
    public var metrics: [String: Double]
    /// Stage-private data handed from `analyze` to `decide` (for example a MinHash signature).
    public var payload: (any Sendable)?

    /// Creates a finding.
    public init(reasons: [Reason] = [], metrics: [String: Double] = [:], payload: (any Sendable)? = nil) {
        self.reasons = reasons
        self.metrics = metrics
        self.payload = payload
    }
}
