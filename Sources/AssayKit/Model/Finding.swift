/// What one stage's `analyze` found in one file: reasons to reject, metrics to record, and for a
/// stateful stage the fingerprint its `decide` compares with earlier files.
///
/// Findings are stored in the ledger with the stage's option fingerprint, so a later run reuses
/// them instead of analyzing the file again; the fingerprint is stored as
/// ``StageFingerprint/encoded`` and decoded by the stage's own type.
public struct Finding: Sendable {
    /// Problems found; any reason rejects the file.
    public var reasons: [Reason]
    /// Measured values, named `family.metric` (`png.width`, `text.words`).
    public var metrics: [String: Double]
    /// A stateful stage's fingerprint of the file (a MinHash signature, a pixel hash).
    public var fingerprint: (any StageFingerprint)?

    /// Creates a finding.
    public init(reasons: [Reason] = [], metrics: [String: Double] = [:], fingerprint: (any StageFingerprint)? = nil) {
        self.reasons = reasons
        self.metrics = metrics
        self.fingerprint = fingerprint
    }
}
