import AssayCore
import Testing
import TextQuality

/// Each Gopher repetition rule alone, at datatrove's default limit, on edited real text.
@Suite struct GopherRepetitionRuleTests {
    let bsd: String
    let gpl: String

    init() throws {
        bsd = try RealText.text("/usr/share/common-licenses/BSD")
        gpl = try RealText.gpl3()
    }

    /// The licence's paragraphs (blocks between empty lines).
    func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
    }

    @Test("text.dup_lines: a short line of the licence repeated; 30% of lines repeated passes")
    func duplicateLines() throws {
        let stage = try RealText.only { $0.maxDupLines = 0.3 }
        let line = try #require(RealText.lines(bsd).filter { $0.contains { $0.isLetter } }.min { $0.count < $1.count })
        let boundary = try Boundary.find(stage, code: "text.repeated_lines", upTo: 200) { k in Edits.appendLines(bsd, k, line) }
        expectBoundary(boundary, code: "text.repeated_lines", metric: "text.dup_lines", limit: 0.3, minimum: false)
    }

    @Test("text.dup_line_chars: the licence's longest line repeated; 20% of characters passes")
    func duplicateLineCharacters() throws {
        let stage = try RealText.only { $0.maxDupLineChars = 0.2 }
        let line = try #require(RealText.lines(bsd).max { $0.count < $1.count })
        let boundary = try Boundary.find(stage, code: "text.repeated_line_chars", upTo: 200) { k in Edits.appendLines(bsd, k, line) }
        expectBoundary(boundary, code: "text.repeated_line_chars", metric: "text.dup_line_chars", limit: 0.2, minimum: false)
        // The value is exactly the repeated characters over all characters.
        let chars = try #require(boundary.outside.metrics["text.chars"])
        let repeated = Double(boundary.edits * line.unicodeScalars.count)
        #expect(abs(try #require(boundary.outside.metrics["text.dup_line_chars"]) - repeated / chars) < 1e-12)
    }

    @Test("lines without a word (underlines, rules) are layout, not repetition, unless count_layout_lines")
    func layoutLines() throws {
        // The GPL with an RST-style underline under each of its section titles.
        var lines: [String] = []
        for line in RealText.lines(gpl) {
            lines.append(line)
            if line.range(of: #"^  \d+\. "#, options: .regularExpression) != nil {
                lines.append(String(repeating: "-", count: 40))
            }
        }
        let underlined = RealText.joined(lines)
        let layoutOff = RealText.judge(try RealText.only { $0.maxDupLines = 0.0 }, underlined)
        let counted = RealText.judge(try RealText.only {
            $0.maxDupLines = 0.0
            $0.countLayoutLines = true
        }, underlined)
        #expect((counted.metrics["text.dup_lines"] ?? 0) > (layoutOff.metrics["text.dup_lines"] ?? 1))
        #expect(layoutOff.metrics["text.dup_lines"] == RealText.judge(try RealText.only { _ in }, gpl).metrics["text.dup_lines"])
    }

    @Test("text.dup_paragraphs: the licence's first paragraph repeated; 30% of paragraphs passes")
    func duplicateParagraphs() throws {
        let stage = try RealText.only { $0.maxDupParagraphs = 0.3 }
        let first = try #require(paragraphs(bsd).first)
        let boundary = try Boundary.find(stage, code: "text.repeated_paragraphs", upTo: 100) { k in
            bsd + String(repeating: "\n" + first + "\n", count: k)
        }
        expectBoundary(boundary, code: "text.repeated_paragraphs", metric: "text.dup_paragraphs", limit: 0.3, minimum: false)
        let count = paragraphs(bsd).count
        #expect(boundary.outside.metrics["text.dup_paragraphs"] == Double(boundary.edits) / Double(count + boundary.edits))
    }

    @Test("text.dup_paragraph_chars: the GPL's longest paragraph repeated; 20% of characters passes")
    func duplicateParagraphCharacters() throws {
        let stage = try RealText.only { $0.maxDupParagraphChars = 0.2 }
        let longest = try #require(paragraphs(bsd).max { $0.count < $1.count })
        let boundary = try Boundary.find(stage, code: "text.repeated_paragraph_chars", upTo: 100) { k in
            gpl + String(repeating: "\n" + longest + "\n", count: k)
        }
        expectBoundary(boundary, code: "text.repeated_paragraph_chars", metric: "text.dup_paragraph_chars", limit: 0.2, minimum: false)
    }

    @Test("text.top_ngram: a phrase of the licence repeated until its n-gram covers the limit",
          arguments: [(2, "of the", 0.20), (3, "of this software", 0.18), (4, "this list of conditions", 0.16)])
    func topNgram(n: Int, phrase: String, limit: Double) throws {
        let stage = try RealText.only {
            switch n {
            case 2: $0.maxTop2gram = limit
            case 3: $0.maxTop3gram = limit
            default: $0.maxTop4gram = limit
            }
        }
        #expect(bsd.lowercased().contains(phrase))
        let boundary = try Boundary.find(stage, code: "text.top_ngram", upTo: 2000) { k in
            bsd + String(repeating: phrase + "\n", count: k)
        }
        expectBoundary(boundary, code: "text.top_ngram", metric: "text.top_\(n)gram", limit: limit, minimum: false)
        // Plain words, not "2-gram": the message names the run of words.
        #expect(boundary.outside.reasons.first?.message.contains(n == 2 ? "most repeated pair of words" : "most repeated run of \(n) words") == true)
    }

    @Test("text.dup_ngram: a passage of the licence copied to its end until repeated n-grams pass the limit",
          arguments: [(5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)])
    func duplicatedNgrams(n: Int, limit: Double) throws {
        let stage = try RealText.only {
            switch n {
            case 5: $0.maxDup5gram = limit
            case 6: $0.maxDup6gram = limit
            case 7: $0.maxDup7gram = limit
            case 8: $0.maxDup8gram = limit
            case 9: $0.maxDup9gram = limit
            default: $0.maxDup10gram = limit
            }
        }
        let tokens = Edits.tokens(gpl)
        let boundary = try Boundary.find(stage, code: "text.repeated_ngram", upTo: 3000) { k in
            gpl + tokens.prefix(k).joined(separator: " ") + "\n"
        }
        expectBoundary(boundary, code: "text.repeated_ngram", metric: "text.dup_\(n)gram", limit: limit, minimum: false)
        #expect(boundary.outside.reasons.first?.message.contains("in runs of \(n) words that occur more than once") == true)
    }
}
