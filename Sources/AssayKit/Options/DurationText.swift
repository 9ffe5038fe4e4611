import Foundation
/// Parses and prints durations written as `500ms`, `5s`, `2m` or a plain number of seconds.
public enum DurationText {
    /// The longest duration a config may give: 30 days. Longer ones are surely typos, and
    /// bounding them keeps every later conversion to whole numbers in range.
    public static let maxSeconds: Double = 30 * 86_400

    /// Seconds for the text, nil when it is not a duration or is longer than ``maxSeconds``.
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            let number = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value >= 0, value.isFinite, value * factor <= maxSeconds else { return nil }
            return value * factor
        }
        guard let seconds = Double(trimmed), seconds >= 0, seconds.isFinite, seconds <= maxSeconds else { return nil }
        return seconds
    }

    /// `250ms`, `5s`, `2m` or a fractional number of seconds.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) <= 1e15 else { return "\(seconds)s" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        let millis = seconds * 1000
        if millis == millis.rounded() { return "\(Int(millis))ms" }
        return "\(seconds)s"
    }
}
