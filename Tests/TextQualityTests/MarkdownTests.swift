import AssayCore
import Foundation
import Testing
import TextQuality

/// Markdown is measured on its prose: real READMEs Debian ships, and copies edited to carry
/// more markup.
@Suite struct MarkdownTests {
    let aptReadme: String

    init() throws {
        aptReadme = try RealText.gunzip("/usr/share/doc/apt/README.md.gz")
    }

    func prose(_ text: String) -> String {
        String(decoding: TextQuality.markdownProse(Array(text.utf8)), as: UTF8.self)
    }

    /// A million unclosed `[` (or `<a`) on one line took hours when each scanned to the line's
    /// end; such a regression hangs the suite (no time limit: a loaded parallel run can keep a test
    /// waiting for a thread for minutes). The test asserts what the prose keeps.
    @Test("unclosed brackets and angle brackets cost linear time")
    func unclosedBracketsAreLinear() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        for unit in ["[", "<a", "[x]("] {
            let line = String(repeating: unit, count: 1_000_000 / unit.count)
            let finding = stage.judge(Array(("# Title\n\n" + line + "\n").utf8), markdown: true)
            #expect(finding.metrics["text.markdown"] == 1)
            #expect(!finding.reasons.isEmpty, "a line of \(unit) is not prose")
        }
        #expect(prose("See [the guide](https://example.org) and [unclosed and <b>bold</b> text.").trimmingCharacters(in: .whitespacesAndNewlines) == "See the guide and [unclosed and bold text.")
    }

    @Test("link targets, emphasis, bullets and setext underlines are gone; their text stays")
    func proseOfAptReadme() {
        let text = prose(aptReadme)
        #expect(aptReadme.contains("[python-apt](https://tracker.debian.org/pkg/python-apt)"))
        #expect(text.contains("python-apt"))
        #expect(!text.contains("tracker.debian.org"))
        #expect(!text.contains("**"))
        #expect(!text.contains("]("))
        #expect(text.contains("apt-get for retrieval of packages"))
        #expect(!text.contains("\n* "))
        #expect(!text.contains("==="))
        #expect(text.hasPrefix("APT\n"))
    }

    @Test("fenced code, headings' '#', tables and HTML comments: a README edited to hold them")
    func blocks() {
        let edited = """
        <!-- generated from apt's README -->
        # APT

        | Tool | Use |
        |------|-----|
        | apt-get | retrieval of packages |

        ```sh
        apt-get install foo
        apt-get remove foo
        ```

        """ + aptReadme
        let text = prose(edited)
        #expect(!text.contains("generated from"))
        #expect(!text.contains("# APT"))
        #expect(text.contains("APT"))
        #expect(!text.contains("|"))
        #expect(!text.contains("---"))
        #expect(text.contains("apt-get   retrieval of packages"))
        #expect(!text.contains("install foo"))
        #expect(!text.contains("```"))
    }

    @Test("analyze reads .md by its extension or a text/markdown MIME type; .txt stays plain")
    func detection() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let bytes = Array(aptReadme.utf8)
        #expect(try stage.analyze(RealText.input(bytes, path: "alice/text/README.md")).metrics["text.markdown"] == 1)
        #expect(try stage.analyze(RealText.input(bytes, path: "alice/text/notes.MARKDOWN")).metrics["text.markdown"] == 1)
        #expect(try stage.analyze(RealText.input(bytes, path: "alice/text/README", mime: "text/markdown")).metrics["text.markdown"] == 1)
        #expect(try stage.analyze(RealText.input(bytes, path: "alice/text/README.txt")).metrics["text.markdown"] == 0)
        var never = TextQualityOptions()
        never.markdown = "never"
        #expect(try TextQuality(options: never).analyze(RealText.input(bytes, path: "a/text/R.md")).metrics["text.markdown"] == 0)
        var always = TextQualityOptions()
        always.markdown = "always"
        #expect(try TextQuality(options: always).analyze(RealText.input(bytes, path: "a/text/R.txt")).metrics["text.markdown"] == 1)
    }

    @Test("markup does not make a document fail: the GPL with '###' headings and its notice as a code sample per section")
    func markupDoesNotFail() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let gpl = RealText.lines(try RealText.gpl3())
        // The GPL's own "how to apply" notice (15 lines), shown as a fenced sample under each
        // of the 18 section headings: code repeats, the prose does not.
        let start = try #require(gpl.firstIndex { $0.contains("<one line to give the program's name") })
        let end = try #require(gpl.firstIndex { $0.contains("If not, see <https://www.gnu.org/licenses/>.") })
        let notice = gpl[start...end].map { $0.trimmingCharacters(in: .whitespaces) }
        var lines: [String] = []
        for line in gpl {
            if line.range(of: #"^  \d+\. "#, options: .regularExpression) != nil {
                lines.append("### " + line.trimmingCharacters(in: .whitespaces))
                lines += [""] + ["```text"] + notice + ["```", ""]
            } else {
                lines.append(line)
            }
        }
        let markdown = RealText.joined(lines)
        let asPlain = RealText.judge(stage, markdown)
        let asMarkdown = RealText.judge(stage, markdown, markdown: true)
        #expect(asPlain.reasons.contains { $0.code == "text.repeated_lines" || $0.code == "text.repeated_ngram" },
                "\(asPlain.reasons.map(\.message))")
        #expect(asMarkdown.reasons.isEmpty, "\(asMarkdown.reasons.map(\.message))")
        #expect(asMarkdown.metrics["text.hash_ratio"] == 0)
    }
}

/// A cheat sheet: headings and code blocks, made from the EXAMPLES section of find(1) as man-db
/// renders it (each subsection title a heading, its `$` commands a fenced block, and optionally
/// the first sentence of its description). Headings are structure, not short lines.
@Suite struct CheatSheetTests {
    /// The cheat sheet's Markdown; `sentences` keeps each example's first sentence.
    static func findCheatSheet(sentences: Bool) throws -> String {
        let page = try RealText.manPage("find")
        guard let start = page.range(of: "\nEXAMPLES\n"), let end = page.range(of: "\nEXIT STATUS\n") else {
            throw RealText.Failure(description: "find(1) has no EXAMPLES section")
        }
        var out = "# find cheat sheet\n"
        var sentence: String?
        var command: [String] = []
        var inCommand = false
        func flushSentence() {
            guard let text = sentence else { return }
            if sentences, let dot = text.firstIndex(of: ".") { out += "\n" + text[...dot] + "\n" }
            sentence = nil
        }
        for line in page[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inCommand {
                command.append(trimmed)
                if !trimmed.hasSuffix("\\") {
                    out += "\n```sh\n" + command.joined(separator: "\n") + "\n```\n"
                    command = []
                    inCommand = false
                }
            } else if line.hasPrefix("   "), !line.hasPrefix("    "), !trimmed.isEmpty {
                out += "\n## " + trimmed + "\n"
            } else if trimmed.hasPrefix("•") {
                sentence = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("$ ") {
                flushSentence()
                command = [String(trimmed.dropFirst(2))]
                inCommand = trimmed.hasSuffix("\\")
                if !inCommand {
                    out += "\n```sh\n" + command[0] + "\n```\n"
                    command = []
                }
            } else if sentence != nil, !trimmed.isEmpty {
                sentence! += " " + trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
        }
        return out
    }

    @Test("headings and code blocks alone are not 'short lines to join'")
    func headingsAreNotShortLines() throws {
        let sheet = try Self.findCheatSheet(sentences: false)
        #expect(sheet.components(separatedBy: "\n## ").count > 8, "\(sheet)")
        #expect(sheet.components(separatedBy: "```sh").count > 8)
        let stage = try TextQuality(options: TextQualityOptions())
        let finding = RealText.judge(stage, sheet, markdown: true)
        #expect(!finding.reasons.contains { $0.code == "text.short_lines" }, "\(finding.reasons.map(\.message))")
        #expect(finding.metrics["text.short_lines"] == 0)
        #expect(finding.metrics["text.fineweb_lines"] == 0)
        // Without a sentence it is still not prose, and says so.
        #expect(finding.reasons.contains { $0.code == "text.terminal_punct_lines" }, "\(finding.reasons.map(\.message))")
        // The same titles as plain lines (no `##`) are lines of the text, and counted.
        let plainTitles = RealText.judge(stage, sheet.replacingOccurrences(of: "\n## ", with: "\n"), markdown: true)
        #expect((plainTitles.metrics["text.fineweb_lines"] ?? 0) > 8, "\(plainTitles.metrics)")
    }

    @Test("with a sentence per example the cheat sheet is accepted")
    func cheatSheetWithSentencesPasses() throws {
        let sheet = try Self.findCheatSheet(sentences: true)
        let stage = try TextQuality(options: TextQualityOptions())
        let finding = RealText.judge(stage, sheet, markdown: true)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))\n\(sheet)")
    }
}
