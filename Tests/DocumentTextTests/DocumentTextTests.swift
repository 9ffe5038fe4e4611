import AssayKit
import AssayTestSupport
import DocumentText
import Foundation
import Glibc
import Testing

/// PDF and DOCX to text on real documents (LibreOffice, qpdf, tiff2pdf) and hostile ones
/// (`Tests/Corpora/documents/make.py`): the text, and the code each problem gives.
@Suite struct DocumentTextTests {
    static let folder = Locations.corpora + "/documents"
    static let source = "/usr/share/common-licenses/Artistic"
    let extractor = DocumentExtractor()

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
    }

    /// The problem extracting `name` gives, or nil when it gives text.
    func problem(_ bytes: [UInt8], _ format: DocumentFormat, seconds: Double = 30) -> DocumentProblem? {
        do throws(DocumentProblem) {
            _ = try extractor.text(of: bytes, format: format, seconds: seconds)
            return nil
        } catch {
            return error
        }
    }

    /// Words of a text, white space of any kind collapsed (what text-dedup compares, up to case).
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }

    /// Peak resident set of this process, bytes.
    static func peakResident() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func aPDFsTextLayerHasTheWordsOfItsSource() throws {
        let text = try extractor.text(of: try bytes("artistic.pdf"), format: .pdf, seconds: 30)
        let extracted = String(decoding: text.bytes, as: UTF8.self)
        #expect(Self.words(extracted) == Self.words(try String(contentsOfFile: Self.source, encoding: .utf8)))
        #expect(text.pages == 3)
        // Three pages, three paragraphs at least: a page break is a blank line, and it ends with one line feed.
        #expect(extracted.components(separatedBy: "\n\n").count >= 3)
        #expect(extracted.hasSuffix("\n") && !extracted.hasSuffix("\n\n"))
    }

    @Test func aDOCXsParagraphsAreSeparatedByBlankLines() throws {
        let text = try extractor.text(of: try bytes("artistic.docx"), format: .docx, seconds: 30)
        let extracted = String(decoding: text.bytes, as: UTF8.self)
        let source = try String(contentsOfFile: Self.source, encoding: .utf8)
        // LibreOffice made one paragraph per line of the .txt; empty ones give no text.
        let lines = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let paragraphs = extracted.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(paragraphs == lines)
        #expect(Self.words(extracted) == Self.words(source))
        #expect(text.pages == nil)
    }

    @Test func runsGiveTheirTextTabsAndBreaksAsWhiteSpaceAndNothingElse() throws {
        let text = try extractor.text(of: try bytes("runs.docx"), format: .docx, seconds: 30)
        // Deleted runs and field codes are not text; empty paragraphs add no blank lines; a table cell is a paragraph.
        #expect(String(decoding: text.bytes, as: UTF8.self) == "One\ttwo\nthree four\n\ncell\n\n<kept> & last\n")
    }

    @Test func eachProblemHasItsCode() throws {
        let cases: [(String, DocumentFormat, ReasonCode)] = [
            ("picture.pdf", .pdf, DocumentReasons.pdfImages),
            ("scan.pdf", .pdf, DocumentReasons.noText),
            ("encrypted.pdf", .pdf, DocumentReasons.encrypted),
            ("restricted.pdf", .pdf, DocumentReasons.encrypted),
            ("zipenc.docx", .docx, DocumentReasons.encrypted),
            ("truncated.pdf", .pdf, DocumentReasons.corrupt),
            ("pages.pdf", .pdf, DocumentReasons.corrupt),
            ("truncated.docx", .docx, DocumentReasons.corrupt),
            ("xxe.docx", .docx, DocumentReasons.corrupt),
            ("nested.docx", .docx, DocumentReasons.tooLarge),
        ]
        for (name, format, code) in cases {
            let found = problem(try bytes(name), format)
            #expect(found?.reasonCode?.code == code.code, "\(name): \(String(describing: found))")
            #expect(found?.reason?.stage == "document", "\(name)")
        }
        #expect(problem(try bytes("picture.pdf"), .pdf) == .pictures(1))
        #expect(problem(try bytes("picture.pdf"), .pdf)?.refuses == true)
        #expect(problem(try bytes("scan.pdf"), .pdf)?.refuses == false)
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let found = problem(try bytes("xxe.docx"), .docx)
        let message = found?.message ?? ""
        #expect(message.contains("document type declaration"), "\(message)")
        #expect(!message.contains("root:"))
        // Without its DOCTYPE, the entity reference is an unknown entity: still no file content.
        let plain = try bytes("artistic.docx")
        #expect(!String(decoding: try extractor.text(of: plain, format: .docx, seconds: 30).bytes, as: UTF8.self).contains("root:"))
    }

    @Test func aGigabyteZipBombIsRejectedBeforeInflating() throws {
        let folder = TemporaryFolder("bomb")
        let path = folder.url("bomb.docx")
        #expect(try Shell.run(["python3", Self.folder + "/make.py", "bomb", path, "1024"]).status == 0)
        let bomb = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let before = Self.peakResident()
        let started = ContinuousClock.now
        let found = problem(bomb, .docx, seconds: 10)
        #expect(ContinuousClock.now - started < .seconds(1), "rejected on its header, before inflating")
        #expect(found?.reasonCode?.code == DocumentReasons.tooLarge.code, "\(String(describing: found))")
        #expect(Self.peakResident() - before < 100 << 20)
    }

    @Test func aBombThatLiesAboutItsSizeStopsWhileInflating() throws {
        let folder = TemporaryFolder("liar")
        let path = folder.url("liar.docx")
        #expect(try Shell.run(["python3", Self.folder + "/make.py", "liar", path, "256"]).status == 0)
        let liar = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let before = Self.peakResident()
        let started = ContinuousClock.now
        // Within a budget a sixth of the default stage_timeout: stopped by the bytes it inflated, not the clock.
        let found = problem(liar, .docx, seconds: 10)
        #expect(ContinuousClock.now - started < .seconds(10))
        guard case let .tooLarge(what, value, limit)? = found else {
            Issue.record("expected document.too_large, got \(String(describing: found))")
            return
        }
        // Its header says 4 KiB: the count of bytes actually inflated stopped it.
        #expect(what.contains("whose header declared 4096"), "\(what)")
        #expect(value > limit)
        #expect(Self.peakResident() - before < 100 << 20)
    }

    @Test func nestingPastTheBoundIsTooLarge() throws {
        guard case let .tooLarge(what, value, limit)? = problem(try bytes("nested.docx"), .docx) else {
            Issue.record("expected document.too_large")
            return
        }
        #expect(what == "XML nesting depth of word/document.xml" && value > limit && limit == 200, "\(what) \(value) \(limit)")
    }

    @Test func aHundredThousandPagesAreTooManyAndCostLittle() throws {
        let folder = TemporaryFolder("many-pages")
        let path = folder.url("many.pdf")
        #expect(try Shell.run(["python3", Self.folder + "/make.py", "many", path, "100000"]).status == 0)
        let many = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let before = Self.peakResident()
        let started = ContinuousClock.now
        #expect(problem(many, .pdf, seconds: 10) == .tooLarge("pages", value: 100_000, limit: 2_000))
        #expect(ContinuousClock.now - started < .seconds(10))
        // The file (16 MB) is already in memory; Assay adds no more than the pipes' buffers.
        #expect(Self.peakResident() - before < 100 << 20)
    }

    @Test func aMillionNestedArraysCostLittle() throws {
        let folder = TemporaryFolder("deep-pdf")
        let path = folder.url("deep.pdf")
        #expect(try Shell.run(["python3", Self.folder + "/make.py", "deep", path, "1000000"]).status == 0)
        let deep = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let before = Self.peakResident()
        let started = ContinuousClock.now
        // poppler gives up on the nesting and reads the page: its one line of text, well within the budget.
        let text = try extractor.text(of: deep, format: .pdf, seconds: 10)
        #expect(String(decoding: text.bytes, as: UTF8.self) == "A page under deep nesting.\n")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(Self.peakResident() - before < 100 << 20)
    }

    @Test func theFingerprintNamesTheBoundsAndPopplersVersion() throws {
        let summary = extractor.summary
        #expect(summary.range(of: #"poppler=\d+\.\d+"#, options: .regularExpression) != nil, "\(summary)")
        #expect(summary.contains("pages=2000") && summary.contains("ratio=100"), "\(summary)")
        var other = DocumentLimits()
        other.maxPages = 10
        #expect(DocumentExtractor(limits: other).summary != summary)
    }

    @Test func extractionStopsAtTheStageBudget() throws {
        #expect(problem(try bytes("artistic.pdf"), .pdf, seconds: 0).map { if case .timeout = $0 { true } else { false } } == true)
        #expect(problem(try bytes("artistic.docx"), .docx, seconds: 0).map { if case .timeout = $0 { true } else { false } } == true)
    }

    @Test func tighterBoundsGiveTooLarge() throws {
        var limits = DocumentLimits()
        limits.maxPages = 2
        limits.maxTextBytes = 1000
        let tight = DocumentExtractor(limits: limits)
        let pdf = try bytes("artistic.pdf"), docx = try bytes("artistic.docx")
        #expect(throws: DocumentProblem.tooLarge("pages", value: 3, limit: 2)) {
            try tight.text(of: pdf, format: .pdf, seconds: 30)
        }
        #expect(problem(docx, .docx) == nil)
        let tightFound: DocumentProblem?
        do throws(DocumentProblem) {
            _ = try tight.text(of: docx, format: .docx, seconds: 30)
            tightFound = nil
        } catch {
            tightFound = error
        }
        guard case let .tooLarge(what, value, limit)? = tightFound else {
            Issue.record("expected document.too_large, got \(String(describing: tightFound))")
            return
        }
        #expect(what == "extracted text (bytes)" && value > 1000 && limit == 1000)
    }
}
