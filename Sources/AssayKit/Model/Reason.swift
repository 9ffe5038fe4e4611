/// Why a file was rejected, refused or errored: a stable code, the stage that found it, a one-line
/// message and, where it helps, the measured value and the limit it broke.
public struct Reason: Sendable, Equatable, Hashable, Codable {
    /// The stable dotted code.
    public var code: String
    /// The stage that gave the reason (`image-check`, `intake`, `quota`).
    public var stage: String
    /// One line a person can act on.
    public var message: String
    /// The measured value, when there is one.
    public var value: ReasonValue?
    /// The limit the value broke, when there is one.
    public var limit: ReasonValue?
    /// How the contributor fixes it, when the stage that gave the reason says so itself (an
    /// external plugin's `hint`); built-in codes take theirs from ``ReasonCode/hint``. Written
    /// to the verdict line only when present.
    public var hint: String?

    /// Creates a reason from a declared code.
    public init(_ code: ReasonCode, stage: String, message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) {
        self.init(code: code.code, stage: stage, message: message, value: value, limit: limit)
    }

    /// Creates a reason from a raw code (external plugins, ledger rows).
    public init(code: String, stage: String, message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil, hint: String? = nil) {
        self.code = code
        self.stage = stage
        self.message = message
        self.value = value
        self.limit = limit
        self.hint = hint
    }

    enum CodingKeys: String, CodingKey { case code, stage, message, value, limit, hint }

    /// Writes `value` and `limit` as `null` when absent and `hint` only when present, as the
    /// verdict line does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(stage, forKey: .stage)
        try c.encode(message, forKey: .message)
        try c.encode(value, forKey: .value)
        try c.encode(limit, forKey: .limit)
        try c.encodeIfPresent(hint, forKey: .hint)
    }
}
