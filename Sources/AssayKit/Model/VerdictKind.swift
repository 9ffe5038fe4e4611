/// The one verdict every file ends in.
public enum VerdictKind: String, Sendable, CaseIterable, Hashable, Codable {
    /// Every stage passed.
    case accepted
    /// A validator found a problem; counts in the acceptance rate.
    case rejected
    /// Turned away at intake or by a quota, before validation; does not count in the rate.
    case refused
    /// Assay itself failed on the file; never silent, retried on the next run, does not count.
    case error
}
