import AssayKit

/// One heuristic rule: a measured value, its metric name, and a limit the value must not pass.
struct QualityRule: Sendable {
    /// Which side of the limit passes.
    enum Bound: Sendable {
        /// The value must be at least the limit.
        case minimum
        /// The value must be at most the limit.
        case maximum
    }

    /// The reason code given when the rule fails.
    let code: ReasonCode
    /// The metric the value is recorded under (`text.words`).
    let metric: String
    /// What the value is, for the message (`words`, `fraction of lines ending in '...'`).
    let label: String
    /// Where the value is read from.
    let value: @Sendable (TextMeasures) -> Double
    /// The limit.
    let limit: Double
    /// Which side of the limit passes.
    let bound: Bound

    /// Whether `measured` is on the passing side (equal to the limit passes, as in datatrove).
    func passes(_ measured: Double) -> Bool {
        bound == .minimum ? measured >= limit : measured <= limit
    }

    /// The rule's share of the quality score: 0.5 at the limit, plus half the margin to the
    /// limit relative to the limit (1 at twice a minimum or at zero for a maximum), clamped to 0...1.
    func score(_ measured: Double) -> Double {
        let margin: Double
        if limit == 0 {
            margin = passes(measured) ? 1 : -1
        } else {
            margin = bound == .minimum ? (measured - limit) / limit : (limit - measured) / limit
        }
        return min(1, max(0, 0.5 + 0.5 * margin))
    }

    /// The reason for a failing `measured` value; `note` ends the message (whose limit it was).
    func reason(stage: String, _ measured: Double, note: String = "") -> Reason {
        let side = bound == .minimum ? "below the minimum" : "above the maximum"
        return Reason(code, stage: stage, message: "\(label) is \(HumanNumber.format(measured)), \(side) \(HumanNumber.format(limit))\(note)",
                      value: .number(measured), limit: .number(limit))
    }
}
