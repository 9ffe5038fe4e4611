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

    /// Reads `YYYY-MM-DDTHH:MM:SSZ` (Hinnant's days-from-civil): `.some(nil)` when the text has
    /// that shape but is no real time (February 30, hour 24: the formatters would roll it over),
    /// nil when it has another shape, which the formatters then read.
    static func parseCanonical(_ text: String) -> Int64?? {
        text.utf8.withContiguousStorageIfAvailable { b -> Int64?? in
            guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
                  b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
            func number(_ from: Int, _ count: Int) -> Int64? {
                var value: Int64 = 0
                for i in from..<(from + count) {
                    guard b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int64(b[i] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  year >= 1, (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return .some(nil) }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard day >= 1, day <= lengths[Int(month - 1)] else { return .some(nil) }
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            return .some(days * 86_400 + hour * 3_600 + minute * 60 + second)
        } ?? nil
    }

    /// What `--since` takes: a day (`2026-11-24`, midnight UTC) or an RFC 3339 time; nil otherwise.
    public static func parseDayOrTime(_ text: String) -> Int64? {
        parse(text.count == 10 ? text + "T00:00:00Z" : text)
    }

    /// The UTC day `2026-11-24` of a time.
    public static func day(_ seconds: Int64) -> String {
        String(format(seconds).prefix(10))
    }

    /// Seconds since 1970 for an RFC 3339 time (with or without fractions, any offset); nil if malformed.
    /// The form ``format(_:)`` writes (`2026-11-24T10:00:00Z`, every verdict line's) is read
    /// with integer arithmetic: a Foundation date formatter costs about 0.3 ms to make, once per
    /// line of a report or an export.
    public static func parse(_ text: String) -> Int64? {
        if let canonical = parseCanonical(text) { return canonical }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        return nil
    }
}
