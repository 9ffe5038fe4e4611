import ArgumentParser
import AssayCore
import AssayReports
import AssayPlugins
import Foundation

/// `assay report`: one self-contained HTML page (or JSON) of a run or the whole ledger.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: a funnel per modality, problems grouped by reason with examples, metric histograms, the leaderboard and contributors.",
        discussion: "The page stays small whatever the ledger holds (a few examples per reason code, the top and bottom of the leaderboard); the full list of files is `assay export --format jsonl`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json }

    @OptionGroup var options: LedgerOptions

    @Option(name: .customLong("run"), help: "Report one run (default: the latest verdict of every file in the ledger).")
    var runID: Int64?

    @Option(name: .long, help: "Output format.")
    var format: Format = .html

    @Option(name: .long, help: "Where to write the report (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Example files listed per reason code.")
    var examples = 20

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard examples >= 0 else { throw ValidationError("--examples must be 0 or more") }
    }

    func run() throws {
        let ledger = try options.open()
        if let out { try options.guardOutput(out, what: "--out", ledger: ledger) }
        // The config, when there is one, says which stages apply to which modality.
        let pipeline = (try? options.config.load().pipeline) ?? []
        let builder = ReportBuilder(registry: BuiltinValidators.registry, examplesPerCode: examples,
                                    stageModalities: Dictionary(pipeline.map { ($0.name, $0.validator.appliesTo) }, uniquingKeysWith: { a, _ in a }))
        let data: ReportData
        do {
            data = try builder.build(from: ledger, runID: runID)
        } catch {
            throw CommandFailure.failure(error.message)
        }
        let text = format == .json ? ReportJSON.encode(data) + "\n" : HTMLReport.render(data)
        if let out {
            // Written beside and renamed into place: a full disk leaves the old report whole.
            do {
                let sink = try LineSink.file(out)
                try sink.write(line: String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)))
                try sink.finish()
            } catch let error as LedgerError {
                throw CommandFailure.failure(error.message)
            } catch let LineSink.Failure.failed(message) {
                throw CommandFailure.failure(message)
            }
            output.say("wrote \(out) (\(text.utf8.count / 1024) KiB)")
        } else {
            print(text, terminator: "")
        }
    }
}
