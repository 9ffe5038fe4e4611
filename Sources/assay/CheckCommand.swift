import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay check`: the contributor's pre-check, with reasons and hints, before submitting.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files before you submit them: same stages as a run, no ledger written.",
        discussion: "Exit 0 when every file is accepted, 1 when any is not, 2 for a usage or config error."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one verdict line (JSON) per file instead of readable blocks.")
    var json = false

    @Argument(help: "The files to check. A CONTRIBUTOR/MODALITY/ part of a path sets the modality, else the extension does.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to check") }
    }

    func run() throws {
        let config = try options.load()
        let registry = BuiltinValidators.registry
        let judgements = CheckSession(config: config, sniffer: BuiltinValidators.sniffer).check(paths: files)
        for judgement in judgements {
            if json {
                print(VerdictLine.encode(judgement))
            } else {
                print(CheckReport.block(for: judgement, registry: registry))
            }
        }
        if judgements.contains(where: { $0.verdict != .accepted }) { throw ExitCode(1) }
    }
}
