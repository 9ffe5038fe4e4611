import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The report of a real run: self-contained HTML and the same numbers in JSON.
@Suite struct ReportTests {
    @Test func reportOfARealRun() throws {
        let folder = TemporaryFolder("report")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/bob/text/gpl-again.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/bob/image/rgb.png")
        try folder.copy("/bin/ls", to: "net/carol/image/<script>.png")
        try folder.write("net/carol/text/empty.txt", bytes: [])
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n", in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        let ledger = try Ledger(path: config.ledger)
        let data = try ReportBuilder().build(from: ledger, runID: nil)
        #expect(data.total == 5)
        #expect(data.funnel.first?.stage == "intake" && data.funnel.first?.remaining == 3)
        #expect(data.problems.count == 2)
        #expect(data.topReasons.map(\.code).contains("intake.modality_mismatch"))
        #expect(data.leaderboard.count == 3)
        let html = HTMLReport.render(data)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"), "no scripts, and file names are escaped")
        #expect(html.contains("&lt;script&gt;.png"))
        #expect(!html.contains("src=") && !html.contains("href="), "nothing loaded from elsewhere")
        let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.encode(data).utf8)) as? [String: Any]
        #expect(json?["total"] as? Int == 5)
        #expect((json?["leaderboard"] as? [[String: Any]])?.first?.keys.sorted() == ["accepted", "contributor", "rank", "rate", "refused", "rejected", "score"])
        let byRun = try ReportBuilder().build(from: ledger, runID: 1)
        #expect(byRun.total == 5)
    }
}
