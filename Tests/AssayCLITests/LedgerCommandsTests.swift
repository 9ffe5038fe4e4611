import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// Commands that read a curator's ledger: `check --ledger`, `runs`, `rank` and `report` without one.
@Suite struct LedgerCommandsTests {
    static let config = """
        version: 1
        modalities: { text: {}, image: {} }
        limits: { daily_files: 4 }
        pipeline:
          - use: text-quality
          - use: text-dedup
          - use: image-check

        """

    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    @Test func checkAgainstALedgerFindsCopiesOfAcceptedFilesAndChangesNothing() throws {
        let folder = TemporaryFolder("check-ledger")
        let config = try folder.write("assay.yml", text: Self.config)
        let original = try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/ann/text/apache.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/ann/image/pic.png")
        let run = try assay(["run", "--quiet", "--config", config, folder.url("net")])
        #expect(run.status == 0, "\(run.stderr)")
        let ledger = folder.url("assay.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let mtime = try FileManager.default.attributesOfItem(atPath: ledger)[.modificationDate] as? Date

        // A contributor's copy (another encoding of the same pixels, the same text re-spaced).
        let text = try String(contentsOfFile: original, encoding: .utf8)
        let copy = try folder.write("mine/ann/text/apache-again.txt", text: text.replacingOccurrences(of: "\n", with: "\n\n"))
        let interlaced = try folder.copy(Locations.corpora + "/pngsuite/basi2c08.png", to: "mine/ann/image/pic-interlaced.png")
        let checked = try assay(["check", "--config", config, "--ledger", ledger, "--json", copy, interlaced])
        #expect(checked.status == 1)
        let verdicts = try checked.stdout.split(separator: "\n").map { try JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
        #expect(verdicts.map { $0.reasons.map(\.code) } == [["text.dup_exact"], ["image.dup_exact"]])
        #expect(verdicts[0].duplicateOf?.path == "ann/text/apache.txt")
        #expect(verdicts[1].duplicateOf?.path == "ann/image/pic.png")
        // The day's limit (4) counts what the ledger admitted: ann already has 2 files today.
        let third = try folder.copy("/usr/share/common-licenses/MPL-2.0", to: "mine/ann/text/mpl.txt")
        let quota = try assay(["check", "--config", config, "--ledger", ledger, "--json", third, copy, interlaced])
        // Decided in canonical order, as a run would: the last of the three is over the limit.
        #expect(quota.stdout.split(separator: "\n").filter { $0.contains("quota.daily_files") }.count == 1, "\(quota.stdout)")
        // Without the ledger the same files are accepted.
        #expect(try assay(["check", "--config", config, copy]).status == 0)
        // The file the ledger holds is not a copy of itself.
        #expect(try assay(["check", "--config", config, "--ledger", ledger, "--json", original]).stdout.contains("\"verdict\":\"accepted\""))

        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: ledger)[.modificationDate] as? Date == mtime)
        #expect(try assay(["check", "--config", config, "--ledger", folder.url("none.sqlite"), copy]).status == 2)
    }

    @Test func readersNeedALedgerAndNeverCreateOne() throws {
        let folder = TemporaryFolder("readers")
        let config = try folder.write("assay.yml", text: Self.config)
        for command in [["rank"], ["report"], ["runs"]] {
            let result = try assay(command + ["--config", config])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("no ledger there"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url("assay.sqlite")))
    }

    @Test func runsListsEachRunWithItsCounts() throws {
        let folder = TemporaryFolder("runs")
        let config = try folder.write("assay.yml", text: Self.config)
        try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/ann/text/apache.txt")
        #expect(try assay(["run", "--quiet", "--config", config, folder.url("net")]).status == 0)
        #expect(try assay(["run", "--quiet", "--config", config]).status == 0, "the ledger's folders are run again without naming them")
        let runs = try assay(["runs", "--config", config, "--json"])
        let lines = runs.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"id\":2") && lines[0].contains("\"status\":\"completed\"") && lines[0].contains("\"analyzed\":0"))
        #expect(lines[1].contains("\"id\":1") && lines[1].contains("\"found\":1") && lines[1].contains("\"analyzed\":1"))
    }
}
