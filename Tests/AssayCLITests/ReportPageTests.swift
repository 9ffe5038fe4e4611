import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// The HTML report in a real browser: Debian's Chromium, headless.
@Suite struct ReportPageTests {
    static let chromium = "/usr/bin/chromium"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: chromium), "needs Debian's chromium: run .ci/install-deps"))
    func theReportRendersInChromiumWithoutAConsoleError() throws {
        let folder = TemporaryFolder("report-page")
        try FileManager.default.copyItem(atPath: Locations.packageRoot + "/samples", toPath: folder.url("samples"))
        let config = folder.url("samples/assay.yml")
        #expect(try Shell.run([Locations.assay, "run", "--quiet", "--config", config]).status == 0)
        let page = folder.url("report.html")
        let report = try Shell.run([Locations.assay, "report", "--config", config, "--out", page])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.utf8.count < 2_000_000)

        let browser = [Self.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--user-data-dir=\(folder.url("chromium-profile"))", "--enable-logging=stderr", "--v=0"]
        let shot = folder.url("report.png")
        let rendered = try Shell.run(browser + ["--window-size=1200,3000", "--screenshot=\(shot)", "file://\(page)"])
        let screenshot = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(screenshot.count > 50_000, "a page with charts, not a blank one: \(screenshot.count) bytes")
        // Chromium logs what the page gets wrong (an SVG attribute it cannot use, a negative
        // height) as console messages.
        let console = rendered.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(console.isEmpty, "\(console)")

        // The DOM Chromium built has every section, and each modality's funnel.
        let dom = try Shell.run(browser + ["--dump-dom", "file://\(page)"]).stdout
        for heading in ["Modalities", "Problems by reason", "Metrics", "Leaderboard", "Contributors"] {
            #expect(dom.contains("<h2>\(heading)"), "\(heading)")
        }
        for modality in ["text", "image", "audio"] { #expect(dom.contains("\(modality): files still in after each stage")) }
        #expect(dom.components(separatedBy: "<svg").count > 10)
    }
}
