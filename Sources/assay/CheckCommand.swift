import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay check`: the contributor's pre-check, with reasons and hints, before submitting.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files before you submit them: the same pipeline as a run; no ledger is written.",
        discussion: """
            With --ledger, files are also decided against the curator's ledger (opened read only): a copy of a file \
            the datanet accepted is reported as its duplicate, and the daily limits count what it already admitted. \
            Exit 0 when every file is accepted, 1 when any is not, 2 for a usage or config error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "A curator's ledger to decide against (read only).")
    var ledger: String?

    @Flag(name: .long, help: "Print one verdict line (JSON) per file instead of readable blocks.")
    var json = false

    @Option(name: .long, help: "The modality of every file given: text, image or audio (default: from a CONTRIBUTOR/MODALITY/ part of the path, else the extension).")
    var modality: String?

    @OptionGroup var output: OutputOptions

    @Argument(help: "The files to check; a folder stands for the files under it. A CONTRIBUTOR/MODALITY/ part of a path sets the modality, else the extension does.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to check") }
        if let modality, Modality(rawValue: modality) == nil { throw ValidationError("--modality \(modality): expected text, image or audio") }
    }

    func run() throws {
        let pipeline = try options.pipeline()
        let registry = BuiltinValidators.registry
        let verdicts: [Verdict]
        do {
            let opened = try ledger.map { path throws(LedgerError) in try Ledger(path: path, readOnly: true) }
            let session = CheckSession(pipeline: pipeline, ledger: opened, extensions: BuiltinValidators.registry.modalityOfExtension)
            if let warning = try session.ledgerWarning() { CommandFailure(message: "warning: " + warning, code: 0).report() }
            let paths = CheckSession.expandFolders(files)
            guard !paths.isEmpty else { throw CommandFailure.usage("no files under \(files.joined(separator: ", "))") }
            output.detail("checking \(Plural.count(paths.count, "file"))")
            verdicts = try session.check(paths: paths, modality: modality.flatMap(Modality.init(rawValue:)))
        } catch let error as LedgerError {
            throw CommandFailure(message: error.message, code: FileManager.default.fileExists(atPath: ledger ?? "") && !error.fromNewerAssay ? 1 : 2)
        }
        let batch = Set(verdicts.map(\.file.absolutePath))
        for verdict in verdicts {
            if json {
                print(VerdictLine.encode(verdict))
            } else {
                print(CheckReport.block(for: verdict, registry: registry, verbose: output.verbose, batch: batch))
            }
        }
        let failed = verdicts.filter { $0.verdict != .accepted }.count
        if !json { output.say("\(verdicts.count - failed) of \(Plural.count(verdicts.count, "file")) would be accepted") }
        if failed > 0 { throw ExitCode(1) }
    }
}
