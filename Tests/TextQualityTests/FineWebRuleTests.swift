import AssayCore
import Foundation
import Testing
import TextQuality

/// Each FineWeb rule alone, at datatrove's default limit, on edited real text; and the
/// unwrapping that lets hard-wrapped manuals be measured the way FineWeb measured web text.
@Suite struct FineWebRuleTests {
    let gpl: String

    init() throws {
        gpl = try RealText.gpl3()
    }

    /// The GPL with the full stop removed from the end of its first `count` lines that have one.
    func withoutFullStops(_ count: Int) -> String {
        var removed = 0
        return RealText.joined(RealText.lines(gpl).map { line in
            guard removed < count, line.hasSuffix(".") else { return line }
            removed += 1
            return String(line.dropLast())
        })
    }

    var fullStops: Int { RealText.lines(gpl).filter { $0.hasSuffix(".") }.count }

    @Test("text.terminal_punct_lines: full stops removed from line ends; 12% of lines ending in one passes",
          arguments: [true, false])
    func terminalPunctuation(unwrap: Bool) throws {
        let stage = try RealText.only {
            $0.minTerminalPunctLines = 0.12
            $0.unwrapLines = unwrap
        }
        let boundary = try Boundary.find(stage, code: "text.terminal_punct_lines", upTo: fullStops) { withoutFullStops($0) }
        expectBoundary(boundary, code: "text.terminal_punct_lines", metric: "text.terminal_punct_lines", limit: 0.12, minimum: true)
    }

    @Test("closing quotes and brackets after a full stop still end a sentence")
    func closingQuotes() throws {
        let stage = try RealText.only { $0.minTerminalPunctLines = 0.12 }
        let quoted = RealText.joined(RealText.lines(gpl).map { $0.hasSuffix(".") ? $0 + "\"" : $0 })
        let bracketed = RealText.joined(RealText.lines(gpl).map { $0.hasSuffix(".") ? $0 + ")" : $0 })
        let plain = RealText.judge(stage, gpl).metrics["text.terminal_punct_lines"]
        #expect(RealText.judge(stage, quoted).metrics["text.terminal_punct_lines"] == plain)
        #expect(RealText.judge(stage, bracketed).metrics["text.terminal_punct_lines"] == plain)
    }

    @Test("text.short_lines: short headings appended; 67% short lines passes")
    func shortLines() throws {
        let stage = try RealText.only { $0.maxShortLines = 0.67 }
        let boundary = try Boundary.find(stage, code: "text.short_lines", upTo: 4000) { k in
            gpl + String(repeating: "\nPreamble\n", count: k)
        }
        expectBoundary(boundary, code: "text.short_lines", metric: "text.short_lines", limit: 0.67, minimum: false)
    }

    @Test("text.newline_ratio: one-word lines appended; 0.3 breaks per word passes")
    func newlineRatio() throws {
        let stage = try RealText.only { $0.maxNewlineRatio = 0.3 }
        let boundary = try Boundary.find(stage, code: "text.newline_ratio", upTo: 8000) { k in
            gpl + String(repeating: "\nPreamble\n", count: k)
        }
        expectBoundary(boundary, code: "text.newline_ratio", metric: "text.newline_ratio", limit: 0.3, minimum: false)
    }

    @Test("text.newline_ratio without unwrapping counts every LF, as datatrove does")
    func newlineRatioPhysical() throws {
        let stage = try RealText.only {
            $0.maxNewlineRatio = 0.3
            $0.unwrapLines = false
        }
        let newlines = gpl.filter { $0 == "\n" }.count
        let words = try #require(RealText.judge(stage, gpl).metrics["text.words"])
        let boundary = try Boundary.find(stage, code: "text.newline_ratio", upTo: 4000) { k in
            gpl + String(repeating: "\n", count: k)
        }
        expectBoundary(boundary, code: "text.newline_ratio", metric: "text.newline_ratio", limit: 0.3, minimum: false)
        #expect(boundary.outside.metrics["text.newline_ratio"] == Double(newlines + boundary.edits) / words)
    }

    @Test("text.dup_line_chars_fineweb: off by default; at 0.01 a repeated line of the GPL crosses it")
    func fineWebDuplicateLines() throws {
        #expect(TextQualityOptions().maxDupLineCharsFineweb == nil)
        let stage = try RealText.only { $0.maxDupLineCharsFineweb = 0.01 }
        let line = try #require(RealText.lines(gpl).max { $0.count < $1.count })
        let boundary = try Boundary.find(stage, code: "text.repeated_line_chars_fineweb", upTo: 400) { k in
            Edits.appendLines(gpl, k, line)
        }
        expectBoundary(boundary, code: "text.repeated_line_chars_fineweb", metric: "text.dup_line_chars_fineweb", limit: 0.01, minimum: false)
    }

    @Test("hard-wrapped man pages pass the FineWeb rules unwrapped and fail them line by line",
          arguments: ["ls", "cp"])
    func manPagesUnwrapped(page: String) throws {
        let text = try RealText.manPage(page)
        let unwrapped = RealText.judge(try TextQuality(options: TextQualityOptions()), text)
        var physical = TextQualityOptions()
        physical.unwrapLines = false
        let byLine = RealText.judge(try TextQuality(options: physical), text)
        let fineWeb: Set = ["text.terminal_punct_lines", "text.short_lines", "text.newline_ratio"]
        #expect(unwrapped.reasons.filter { fineWeb.contains($0.code) }.isEmpty, "\(unwrapped.reasons.map(\.message))")
        #expect(!byLine.reasons.filter { fineWeb.contains($0.code) }.isEmpty)
        #expect((unwrapped.metrics["text.fineweb_lines"] ?? 0) < (byLine.metrics["text.fineweb_lines"] ?? 0))
    }
}
