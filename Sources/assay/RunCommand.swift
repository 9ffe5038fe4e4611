import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay run`: the curator's job over folders of submissions.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Judge every file under the folders and record the verdicts in the ledger.",
        discussion: "Exit 0 when the run completed, whatever the verdicts; 2 for a usage or config error; 1 for any other failure."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "The ledger database (default: from the config, next to it).")
    var ledger: String?

    @Option(name: .long, help: "Write one JSON line per file found to FILE, or - for standard output.")
    var verdicts: String?

    @Option(name: .long, help: "Worker threads for the parallel stages (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Judge every file again, even those unchanged since they were judged.")
    var rejudge = false

    @Flag(name: .long, help: "Do not print the summary.")
    var quiet = false

    @Argument(help: "Folders laid out as CONTRIBUTOR/MODALITY/... (not needed with a manifest).")
    var folders: [String] = []

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var config = try options.load()
        if let ledger { config.ledger = ledger }
        if config.manifest == nil && folders.isEmpty { fail("give at least one folder to judge (or a manifest in the config)") }
        let request = RunRequest(roots: folders, jobs: jobs, rejudge: rejudge, verdicts: verdicts, progress: !quiet)
        do {
            let summary = try Runner(config: config, sniffer: BuiltinValidators.sniffer).run(request)
            guard !quiet else { return }
            let text = summary.render()
            if verdicts == "-" {
                FileHandle.standardError.write(Data(text.utf8))
            } else {
                print(text, terminator: "")
            }
        } catch {
            switch error {
            case let .usage(message): fail(message, code: 2)
            case let .failure(message): fail(message, code: 1)
            }
        }
    }
}
