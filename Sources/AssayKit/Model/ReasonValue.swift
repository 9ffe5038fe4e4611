/// A measured value or a limit attached to a reason: a number or a short text (a MIME type, a day).
public enum ReasonValue: Sendable, Equatable, Hashable, Codable {
    /// A number; integral values print without a fraction.
    case number(Double)
    /// A text value.
    case text(String)

    /// Reads a JSON number or string.
    public init(from decoder: any Decoder) throws {
        // Text first: the ledger stores non-finite numbers as "nan"/"inf" strings, and a text
        // value "nan" must come back as text.
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            self = .text(text)
        } else {
            self = .number(try c.decode(Double.self))
        }
    }

    /// Writes a JSON number or string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .number(n): try c.encode(n)
        case let .text(t): try c.encode(t)
        }
    }
}

extension ReasonValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    /// A number from an integer literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A number from a float literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A text from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
}
