/// Writes compact JSON into a byte buffer, keys in the order given. Hand-written because verdict
/// lines are written once per file on the hot path and their key order is a documented contract.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {
        bytes.reserveCapacity(512)
    }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends raw, already valid JSON.
    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends a quoted, escaped JSON string.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string or `null`.
    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// Appends a number; integral values print without a fraction, non-finite ones as `null`.
    public mutating func number(_ value: Double) {
        raw(Self.format(value))
    }

    /// Appends any JSON value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case let .bool(b): raw(b ? "true" : "false")
        case let .number(n): number(n)
        case let .string(s): string(s)
        case let .array(items):
            raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { raw(",") }
                self.value(item)
            }
            raw("]")
        case let .object(pairs):
            raw("{")
            for (i, (key, item)) in pairs.enumerated() {
                if i > 0 { raw(",") }
                string(key)
                raw(":")
                self.value(item)
            }
            raw("}")
        }
    }

    /// Formats a number the way JSON readers expect.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9.0e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
