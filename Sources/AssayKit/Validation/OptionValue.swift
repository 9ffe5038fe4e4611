/// A typed option value, as read from `with:` or taken from the defaults.
public enum OptionValue: Sendable, Equatable {
    /// No value (an optional option left unset).
    case null
    /// A whole number.
    case integer(Int)
    /// A number.
    case number(Double)
    /// A boolean.
    case boolean(Bool)
    /// A size in bytes.
    case size(Int64)
    /// A duration in seconds.
    case duration(Double)
    /// A text.
    case string(String)
    /// A list of texts.
    case strings([String])
    /// Any JSON, passed through (external plugin options).
    case json(JSONValue)

    /// How the value is written in `assay.yml`.
    public var yaml: String {
        switch self {
        case .null: return "null"
        case let .integer(i): return String(i)
        case let .number(d): return JSONWriter.format(d)
        case let .boolean(b): return b ? "true" : "false"
        case let .size(s): return ByteSize.format(s)
        case let .duration(d): return DurationText.format(d)
        case let .string(s): return s.isEmpty ? "\"\"" : s
        case let .strings(list): return "[" + list.joined(separator: ", ") + "]"
        case let .json(value):
            var writer = JSONWriter()
            writer.value(value)
            return writer.string
        }
    }
}
