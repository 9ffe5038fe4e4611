import AssayCore
import Testing
import TextQuality

/// The quality score: recomputed here from the metrics with the documented formula, and the
/// optional minimum at its boundary.
@Suite struct ScoreTests {
    /// (metric, limit, is a minimum) for every rule the defaults enable.
    static let defaultRules: [(String, Double, Bool)] = [
        ("text.words", 50, true), ("text.words", 100_000, false),
        ("text.mean_word_length", 3, true), ("text.mean_word_length", 10, false),
        ("text.hash_ratio", 0.1, false), ("text.ellipsis_ratio", 0.1, false),
        ("text.bullet_lines", 0.9, false), ("text.ellipsis_lines", 0.3, false),
        ("text.alpha_words", 0.8, true), ("text.stop_words", 2, true),
        ("text.dup_lines", 0.3, false), ("text.dup_line_chars", 0.2, false),
        ("text.dup_paragraphs", 0.3, false), ("text.dup_paragraph_chars", 0.2, false),
        ("text.top_2gram", 0.20, false), ("text.top_3gram", 0.18, false), ("text.top_4gram", 0.16, false),
        ("text.dup_5gram", 0.15, false), ("text.dup_6gram", 0.14, false), ("text.dup_7gram", 0.13, false),
        ("text.dup_8gram", 0.12, false), ("text.dup_9gram", 0.11, false), ("text.dup_10gram", 0.10, false),
        ("text.terminal_punct_lines", 0.12, true), ("text.short_lines", 0.67, false), ("text.newline_ratio", 0.3, false),
    ]

    /// The documented score: mean over rules of 0.5 + half the relative margin, clamped to 0...1.
    static func expectedScore(_ metrics: [String: Double]) -> Double {
        let parts = defaultRules.map { metric, limit, minimum -> Double in
            let value = metrics[metric] ?? .nan
            let margin = minimum ? (value - limit) / limit : (limit - value) / limit
            return min(1, max(0, 0.5 + 0.5 * margin))
        }
        return parts.reduce(0, +) / Double(parts.count)
    }

    @Test("the score follows the documented formula on real documents",
          arguments: ["/usr/share/common-licenses/GPL-3", "/usr/share/common-licenses/Apache-2.0",
                      "/usr/share/common-licenses/BSD", "/usr/share/doc/bc/README"])
    func formula(path: String) throws {
        let finding = try TextQuality(options: TextQualityOptions()).judge(try RealText.bytes(path), markdown: false)
        let score = try #require(finding.metrics["text.score"])
        #expect(abs(score - ScoreTests.expectedScore(finding.metrics)) < 1e-12)
        #expect((0...1).contains(score))
        if finding.reasons.isEmpty { #expect(score >= 0.5) }
    }

    @Test("repetition lowers the score: the GPL with its preamble pasted twice more")
    func repetitionLowersScore() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let gpl = try RealText.gpl3()
        let preamble = try #require(gpl.components(separatedBy: "TERMS AND CONDITIONS").first)
        let plain = try #require(RealText.judge(stage, gpl).metrics["text.score"])
        let repeated = try #require(RealText.judge(stage, gpl + preamble + preamble).metrics["text.score"])
        #expect(repeated < plain)
    }

    @Test("text.low_score: min_score at the GPL's score passes, a hair above it rejects")
    func minimumScore() throws {
        let gpl = try RealText.bytes("/usr/share/common-licenses/GPL-3")
        let score = try #require(try TextQuality(options: TextQualityOptions()).judge(gpl, markdown: false).metrics["text.score"])
        var inside = TextQualityOptions()
        inside.minScore = score
        #expect(try TextQuality(options: inside).judge(gpl, markdown: false).reasons.isEmpty)
        var outside = TextQualityOptions()
        outside.minScore = min(1, score + 1e-9)
        let finding = try TextQuality(options: outside).judge(gpl, markdown: false)
        #expect(finding.reasons.map(\.code) == ["text.low_score"])
        #expect(finding.reasons.first?.value == .number(score))
        #expect(finding.reasons.first?.limit == .number(min(1, score + 1e-9)))
    }
}
