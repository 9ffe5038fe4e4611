import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay run`: the curator's job over folders of submissions.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Judge every file of the datanet and record the verdicts in the ledger.",
        discussion: """
            The datanet is every folder this ledger was ever given plus the folders named now (or the config's manifest); \
            files unchanged since they were analyzed are not read again, and decide is replayed from the first file whose \
            inputs changed, so the verdicts always equal one fresh run. \
            Exit 0 when the run completed, whatever the verdicts (unless --fail-on); 2 for a usage or config error; 1 for any other failure; \
            130 or 143 when SIGINT or SIGTERM stopped it (what was decided is recorded; run again to finish).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "The ledger: a file, sqlite:PATH or postgres://USER@HOST:PORT/DB (default: from the config, next to it).")
    var ledger: String?

    @Option(name: .long, help: "Write one JSON line per file of the datanet to FILE, or - for standard output.")
    var verdicts: String?

    @Option(name: .long, help: "Worker threads for the parallel stages (default: all cores); 0 with a PostgreSQL ledger leaves analysis to `assay work`.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Read and analyze every file again, reusing nothing stored.")
    var rejudge = false

    @Flag(name: .long, help: "Read and hash every file again instead of skipping those whose device, inode, size and times are unchanged; findings are reused where the content is the same.")
    var verify = false

    /// Which verdicts make `run` exit 1, for CI: `error`, or `rejected` (rejected or error).
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case rejected, error }

    @Option(name: .long, help: "Exit 1 when any file of the datanet is rejected (rejected: rejected or error) or errored (error).")
    var failOn: FailOn?

    /// How the summary is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The summary as a table for people (text) or one JSON object (json).")
    var format: Format = .text

    @Flag(name: .long, help: "When another run holds the ledger, exit 2 at once instead of waiting for it.")
    var noWait = false

    @Option(name: .long, help: "Remove FOLDER from the ledger's datanet, with its files' verdicts (repeatable).")
    var forget: [String] = []

    @Flag(name: .long, help: "Run again the stages that ran out of their CPU budget (stage.timeout) on a file in an earlier run; by default that timeout stands while the file, the stage's options and limits.stage_timeout are unchanged.")
    var retryErrors = false

    @Option(name: .long, help: "Trusted submission times (an `assay intake export` file, or the curator's own CSV root,path,submitted_at): each applies to the file first found at its path.")
    var intake: String?

    @OptionGroup var output: OutputOptions

    @Argument(help: "Folders laid out as CONTRIBUTOR/MODALITY/... (not needed with a manifest, or to re-run the ledger's folders).")
    var folders: [String] = []

    func validate() throws {
        guard jobs >= 0 else { throw ValidationError("--jobs must be at least 0") }
    }

    func run() throws {
        var config = try options.load()
        if let ledger { config.ledger = ledger }
        if jobs == 0, !LedgerAddress.isPostgres(config.ledger) {
            throw CommandFailure.usage("--jobs 0 leaves analysis to `assay work` workers, which need a PostgreSQL ledger (--ledger postgres://…)")
        }
        var records: [IntakeRecord] = []
        if let intake {
            do { records = try IntakeRecord.read(intake) } catch { throw CommandFailure.usage(error.message) }
        }
        var request = RunRequest(roots: folders, jobs: jobs, rejudge: rejudge, verdicts: verdicts, progress: !output.quiet, wait: !noWait)
        request.forget = forget
        request.verify = verify
        request.intake = records
        request.retryErrors = retryErrors
        output.detail("config: \(config.source ?? "the built-in defaults"); ledger: \(config.ledger); jobs: \(jobs)")
        output.detail("pipeline: " + config.pipeline.map { "\($0.name) [\($0.validator.appliesTo.sorted().map(\.rawValue).joined(separator: ","))]" }.joined(separator: ", "))
        RunInterruption.install()
        let summary: RunSummary
        do {
            summary = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
        } catch {
            switch error {
            case let .usage(message): throw CommandFailure.usage(message)
            case let .failure(message): throw CommandFailure.failure(message)
            }
        }
        let quiet = output.quiet
        if !quiet || summary.interruptedBy != nil {
            let rendered = format == .json ? summary.json() + "\n" : summary.render()
            let text = quiet ? rendered.split(separator: "\n").last.map { String($0) + "\n" } ?? "" : rendered
            if verdicts == "-" || summary.interruptedBy != nil {
                FileHandle.standardError.write(Data(text.utf8))
            } else {
                print(text, terminator: "")
            }
        }
        if let signal = summary.interruptedBy { throw ExitCode(128 + signal) }
        let errors = summary.total(.error)
        let failing = failOn == .rejected ? summary.total(.rejected) + errors : failOn == .error ? errors : 0
        if failing > 0 {
            throw CommandFailure.failure("--fail-on \(failOn?.rawValue ?? ""): \(failing) file\(failing == 1 ? "" : "s") of the datanet \(failOn == .error ? "errored" : "rejected or errored")")
        }
    }
}
