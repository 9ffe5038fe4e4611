import AssayCore
import Testing
import TextQuality

/// Checks a rule's boundary: one edit before, the text is accepted and the metric is within the
/// limit; at the boundary, it is rejected with exactly `code`, carrying the metric as its value
/// and `limit` as its limit, and the value is past the limit.
func expectBoundary(_ boundary: Boundary, code: String, metric: String, limit: Double, minimum: Bool,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let inside = boundary.inside.metrics[metric] ?? .nan
    let outside = boundary.outside.metrics[metric] ?? .nan
    #expect(boundary.edits >= 1, sourceLocation: sourceLocation)
    #expect(boundary.inside.reasons.isEmpty, "inside: \(boundary.inside.reasons.map(\.message))", sourceLocation: sourceLocation)
    #expect(boundary.outside.reasons.map(\.code) == [code], sourceLocation: sourceLocation)
    if minimum {
        #expect(inside >= limit && outside < limit, "\(metric): \(inside) then \(outside) around \(limit)", sourceLocation: sourceLocation)
    } else {
        #expect(inside <= limit && outside > limit, "\(metric): \(inside) then \(outside) around \(limit)", sourceLocation: sourceLocation)
    }
    if let reason = boundary.outside.reasons.first {
        #expect(reason.value == .number(outside), sourceLocation: sourceLocation)
        #expect(reason.limit == .number(limit), sourceLocation: sourceLocation)
        #expect(reason.stage == "text-quality", sourceLocation: sourceLocation)
        #expect(TextQualityReasons.all.contains { $0.code == reason.code }, sourceLocation: sourceLocation)
    }
}

/// Real texts and edits shared by the rule tests.
enum Edits {
    /// The whitespace-separated tokens of `text`.
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    /// `text` with `prefix` before each of its first `count` lines (blank lines included).
    static func prefixLines(_ text: String, _ count: Int, with prefix: String) -> String {
        let lines = RealText.lines(text)
        return RealText.joined(lines.enumerated().map { $0.offset < count ? prefix + $0.element : $0.element })
    }

    /// `text` with `suffix` after each of its first `count` lines (blank lines included).
    static func suffixLines(_ text: String, _ count: Int, with suffix: String) -> String {
        let lines = RealText.lines(text)
        return RealText.joined(lines.enumerated().map { $0.offset < count ? $0.element + suffix : $0.element })
    }

    /// `text` followed by `count` copies of `line`, each on its own line.
    static func appendLines(_ text: String, _ count: Int, _ line: String) -> String {
        text + String(repeating: line + "\n", count: count)
    }
}
