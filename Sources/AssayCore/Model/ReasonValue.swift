/// A measured value or a limit attached to a reason: a number or a short text (a MIME type, a day).
public enum ReasonValue: Sendable, Equatable, Hashable {
    /// A number; integral values print without a fraction.
    case number(Double)
    /// A text value.
    case text(String)
}

extension ReasonValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    /// A number from an integer literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A number from a float literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A text from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
}
