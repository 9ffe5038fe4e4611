import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// PDFs and DOCX in text folders through the `assay` executable: judged as their text (a PDF of a
/// text is that text's duplicate), each extraction problem its verdict and code, `check` takes
/// `.pdf` and `.docx` as text, and `export` writes a document's text.
@Suite struct DocumentTests {
    static let documents = Locations.corpora + "/documents"
    static let source = "/usr/share/common-licenses/Artistic"
    static let config = "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n"

    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    /// Copies `source` to `relative` under `folder`, submitted at `time`.
    func place(_ source: String, _ relative: String, in folder: TemporaryFolder, at time: String) throws {
        let path = try folder.copy(source, to: relative)
        let seconds = try #require(RFC3339.parse(time))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(seconds))], ofItemAtPath: path)
    }

    /// Runs the config over `net` and returns the verdict objects by path and the raw lines.
    func run(_ folder: TemporaryFolder, config: String) throws -> ([String: [String: Any]], [String]) {
        let result = try assay(["run", "--config", config, "--verdicts", folder.url("v.jsonl"), folder.url("net")])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let lines = try String(contentsOfFile: folder.url("v.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        var byPath: [String: [String: Any]] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            byPath[try #require(object["path"] as? String)] = object
        }
        return (byPath, lines)
    }

    func codes(_ verdict: [String: Any]?) -> [String] {
        ((verdict?["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    @Test func documentsAreJudgedAsTheirText() throws {
        let folder = TemporaryFolder("documents")
        let config = try folder.write("assay.yml", text: Self.config)
        try place(Self.source, "net/alice/text/artistic.txt", in: folder, at: "2024-01-01T00:00:00Z")
        try place(Self.documents + "/artistic.pdf", "net/bob/text/artistic.pdf", in: folder, at: "2024-01-02T00:00:00Z")
        try place(Self.documents + "/artistic.docx", "net/carol/text/artistic.docx", in: folder, at: "2024-01-03T00:00:00Z")
        let problems = ["picture.pdf": ("refused", "document.pdf_images"), "scan.pdf": ("rejected", "document.no_text"),
                        "encrypted.pdf": ("rejected", "document.encrypted"), "truncated.pdf": ("rejected", "document.corrupt"),
                        "pages.pdf": ("rejected", "document.corrupt"), "truncated.docx": ("rejected", "document.corrupt"),
                        "xxe.docx": ("rejected", "document.corrupt"), "nested.docx": ("rejected", "document.too_large")]
        for name in problems.keys {
            try place(Self.documents + "/" + name, "net/dave/text/" + name, in: folder, at: "2024-01-04T00:00:00Z")
        }
        let (verdicts, lines) = try run(folder, config: config)
        let text = verdicts["alice/text/artistic.txt"]
        #expect(text?["verdict"] as? String == "accepted", "\(codes(text))")
        for path in ["bob/text/artistic.pdf", "carol/text/artistic.docx"] {
            let verdict = verdicts[path]
            #expect(verdict?["verdict"] as? String == "rejected", "\(path)")
            #expect(codes(verdict) == ["text.dup_exact"], "\(path): \(codes(verdict))")
            #expect(verdict?["duplicate_of"] as? String == "alice/text/artistic.txt", "\(path)")
        }
        let pdf = verdicts["bob/text/artistic.pdf"]
        #expect(pdf?["mime"] as? String == "application/pdf")
        #expect((pdf?["metrics"] as? [String: Any])?["document.pages"] as? Double == 3)
        #expect((pdf?["metrics"] as? [String: Any])?["text.score"] != nil, "text-quality judged the PDF's text")
        for (name, expected) in problems {
            let verdict = verdicts["dave/text/" + name]
            #expect(verdict?["verdict"] as? String == expected.0, "\(name)")
            #expect(codes(verdict) == [expected.1], "\(name): \(codes(verdict))")
        }
        #expect(!lines.joined().contains("root:"), "nothing of /etc/passwd reaches a verdict")
        // A second run reuses the stored extraction findings and gives the same verdicts.
        let (_, again) = try run(folder, config: config)
        #expect(again == lines)
        // Another stage analyzes every text file again: stored extraction findings decide the
        // documents' problems unread, and the documents with text reach the new stage.
        _ = try folder.write("assay.yml", text: Self.config + "  - use: text-language\n")
        let (changed, _) = try run(folder, config: config)
        for (name, expected) in problems {
            #expect(codes(changed["dave/text/" + name]) == [expected.1], "\(name)")
        }
        for path in ["bob/text/artistic.pdf", "carol/text/artistic.docx"] {
            #expect(codes(changed[path]) == ["text.dup_exact"], "\(path)")
            #expect((changed[path]?["metrics"] as? [String: Any])?["text.language_confidence"] != nil, "\(path)")
        }
    }

    @Test func checkTakesPDFAndDOCXAsText() throws {
        let folder = TemporaryFolder("check-documents")
        let config = try folder.write("assay.yml", text: Self.config)
        let pdf = try folder.copy(Self.documents + "/artistic.pdf", to: "notes.pdf")
        let docx = try folder.copy(Self.documents + "/artistic.docx", to: "notes.DOCX")
        let scan = try folder.copy(Self.documents + "/scan.pdf", to: "scan.pdf")
        #expect(CheckSession.place(of: pdf, extensions: BuiltinValidators.registry.modalityOfExtension).modality == .text)
        let ok = try assay(["check", "--config", config, pdf])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let both = try assay(["check", "--config", config, docx, scan])
        #expect(both.status == 1)
        #expect(both.stdout.contains("document.no_text"), "\(both.stdout)")
        #expect(both.stdout.contains("ocrmypdf"), "the hint names a working fix: \(both.stdout)")
        #expect(!both.stdout.contains("intake.unknown_modality"))
    }

    @Test func withoutPopplerAPDFIsAnErrorThatSaysHowToInstallIt() throws {
        let folder = TemporaryFolder("no-poppler")
        let config = try folder.write("assay.yml", text: Self.config)
        let pdf = try folder.copy(Self.documents + "/artistic.pdf", to: "notes.pdf")
        let result = try Shell.run(["/usr/bin/env", "-i", "PATH=" + folder.url("empty"), Locations.assay, "check", "--config", config, pdf])
        #expect(result.stderr.contains("warning: text folders take PDFs"), "\(result.stderr)")
        #expect(result.stderr.contains("apt-get install poppler-utils"))
        #expect(result.stdout.contains("stage.failed") && result.stdout.contains("apt-get install poppler-utils"), "\(result.stdout)")
        #expect(result.status != 0)
    }

    @Test func exportWritesADocumentsText() throws {
        let folder = TemporaryFolder("export-documents")
        let config = try folder.write("assay.yml", text: Self.config)
        try place(Self.documents + "/artistic.pdf", "net/bob/text/artistic.pdf", in: folder, at: "2024-01-02T00:00:00Z")
        _ = try run(folder, config: config)
        let out = folder.url("out")
        let export = try assay(["export", "--config", config, "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let listing = try String(contentsOfFile: out + "/text/train.jsonl", encoding: .utf8)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String: Any])
        #expect(row["path"] as? String == "bob/text/artistic.pdf")
        let exported = try #require(row["text"] as? String)
        let words = { (text: String) in text.split(whereSeparator: { $0.isWhitespace }) }
        #expect(words(exported) == words(try String(contentsOfFile: Self.source, encoding: .utf8)))
    }
}
