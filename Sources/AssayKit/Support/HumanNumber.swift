import Foundation

/// Numbers for people, in messages, hints and the report: three significant digits (0.457,
/// 12.3, 0.00123), whole numbers from 100 on (1834), an exponent below 10^-4 and from 10^15
/// (values from files and plugins can be anything).
/// Verdict lines keep the exact `value` and `limit`; only the words are rounded.
public enum HumanNumber {
    /// `value` rounded for reading.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "infinity" : "-infinity") }
        let magnitude = abs(value)
        if magnitude >= 1e15 { return String(format: "%.3g", value) }
        if value == value.rounded() { return String(Int64(value)) }
        if magnitude >= 100 { return String(Int64(value.rounded())) }
        if magnitude < 1e-4 { return String(format: "%.2e", value) }
        let decimals = max(0, 2 - Int(log10(magnitude).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
