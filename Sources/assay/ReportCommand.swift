import ArgumentParser
import AssayCore
import Foundation

/// `assay report`: one self-contained HTML page (or JSON) of a run or the whole ledger.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: funnel, top reasons, metric histograms, leaderboard, every rejected or refused file."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json }

    @OptionGroup var options: LedgerOptions

    @Option(name: .customLong("run"), help: "Report one run (default: the latest verdict of every file in the ledger).")
    var runID: Int64?

    @Option(name: .long, help: "Output format.")
    var format: Format = .html

    @Option(name: .long, help: "Where to write the report (default: standard output).")
    var out: String?

    func run() throws {
        let ledger = try options.open()
        let data: ReportData
        do {
            data = try ReportBuilder().build(from: ledger, runID: runID)
        } catch {
            throw CommandFailure.failure(error.message)
        }
        let text = format == .json ? ReportJSON.encode(data) + "\n" : HTMLReport.render(data)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw CommandFailure.failure("cannot write \(out)") }
            FileHandle.standardError.write(Data("wrote \(out)\n".utf8))
        } else {
            print(text, terminator: "")
        }
    }
}
