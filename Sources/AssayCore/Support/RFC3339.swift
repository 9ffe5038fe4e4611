import Foundation

/// RFC 3339 times in UTC, to the second.
public enum RFC3339 {
    /// `2026-11-24T10:00:00Z` for seconds since 1970.
    /// Integer arithmetic only (Hinnant's civil-from-days): it runs once per verdict line on the
    /// ordered decide thread, where `String(format:)` cost a tenth of a MIME-only run.
    public static func format(_ unclamped: Int64) -> String {
        // Four-digit years only (0001–9999); clamping keeps every caller safe. Intake refuses
        // submission times outside 1970–9999 anyway (intake.bad_time).
        let seconds = min(max(unclamped, -62_135_596_800), latest)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func digits(_ value: Int64, _ width: Int) {
            var text = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                text[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            out += text
        }
        digits(year, 4); out.append(UInt8(ascii: "-"))
        digits(month, 2); out.append(UInt8(ascii: "-"))
        digits(day, 2); out.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2); out.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2); out.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// 1970-01-01T00:00:00Z: the earliest submission time intake accepts.
    public static let earliest: Int64 = 0
    /// 9999-12-31T23:59:59Z: the latest submission time intake accepts.
    public static let latest: Int64 = 253_402_300_799

    /// The UTC day `2026-11-24` of a time.
    public static func day(_ seconds: Int64) -> String {
        String(format(seconds).prefix(10))
    }

    /// Seconds since 1970 for an RFC 3339 time (with or without fractions, any offset); nil if malformed.
    public static func parse(_ text: String) -> Int64? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        return nil
    }
}
