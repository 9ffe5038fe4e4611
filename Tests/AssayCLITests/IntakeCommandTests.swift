import AssayTestSupport
import Foundation
import Testing

/// `assay intake export` and `assay run --intake`: the intake record as data.
@Suite struct IntakeCommandTests {
    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    @Test func anExportedIntakeRecordReproducesTheVerdictsOnAFreshLedger() throws {
        let folder = TemporaryFolder("intake-cli")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/bob/text/b1.txt")
        try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/alice/text/a1.txt")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\nlimits: { daily_files: 2 }\npipeline:\n  - use: text-dedup\n")
        let kept = folder.url("kept.sqlite")
        #expect(try assay(["run", "-q", "--config", config, "--ledger", kept, folder.url("net")]).status == 0)
        // A backdated copy and a new file after the first walk.
        try folder.copy(folder.url("net/bob/text/b1.txt"), to: "net/alice/text/stolen.txt")
        try folder.copy("/usr/share/common-licenses/MPL-2.0", to: "net/bob/text/b2.txt")
        _ = try Shell.run(["touch", "-d", "2026-01-08", folder.url("net/alice/text/stolen.txt")])
        #expect(try assay(["run", "-q", "--config", config, "--ledger", kept, "--verdicts", folder.url("kept.jsonl"), folder.url("net")]).status == 0)

        let export = try assay(["intake", "export", "--config", config, "--ledger", kept, "--out", folder.url("intake.csv")])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("wrote the intake record of 4 files"))
        let csv = try String(contentsOfFile: folder.url("intake.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("root,path,contributor,modality,submitted_at\n"))
        #expect(!csv.contains("2026-01-08"), "the witnessed time, not the mtime")
        #expect(csv.contains("\n,,alice,,") && csv.contains("\n,,bob,,"), "each name's claim comes first")

        let fresh = try assay(["run", "-q", "--config", config, "--ledger", folder.url("fresh.sqlite"), "--intake", folder.url("intake.csv"),
                               "--verdicts", folder.url("fresh.jsonl"), folder.url("net")])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let keptLines = try String(contentsOfFile: folder.url("kept.jsonl"), encoding: .utf8)
        #expect(try String(contentsOfFile: folder.url("fresh.jsonl"), encoding: .utf8) == keptLines)
        #expect(keptLines.contains("\"duplicate_of\":\"bob/text/b1.txt\""))
        // Standard output works too, and an export never overwrites the ledger.
        #expect(try assay(["intake", "export", "--config", config, "--ledger", kept]).stdout == csv)
        let guarded = try assay(["intake", "export", "--config", config, "--ledger", kept, "--out", kept])
        #expect(guarded.status == 2)
        #expect(try assay(["intake", "export", "--config", config, "--ledger", kept]).stdout == csv, "the ledger is whole")
    }

    @Test func aBadIntakeFileStopsTheRunBeforeAnyFileIsRead() throws {
        let folder = TemporaryFolder("intake-bad")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/bob/text/b1.txt")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}}\n")
        let intake = try folder.write("intake.csv", text: "root,path,submitted_at\n/x,bob/text/b1.txt,2026-13-01T00:00:00Z\n")
        let result = try assay(["run", "--config", config, "--intake", intake, folder.url("net")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(intake):2: 'submitted_at' must be an RFC 3339 time"))
        #expect(!FileManager.default.fileExists(atPath: folder.url("assay.sqlite")))
    }
}
