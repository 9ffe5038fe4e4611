import ArgumentParser
import AssayCore
import Foundation

/// `assay intake`: the intake record, the data besides the files and the config that decides
/// every verdict.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Read the intake record: each file's contributor and witnessed submission time.",
        subcommands: [IntakeExportCommand.self]
    )
}

/// `assay intake export`: writes the intake record as CSV; `assay run --intake FILE` on a fresh
/// ledger then reproduces this ledger's verdicts.
struct IntakeExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every file's intake record (root,path,contributor,modality,submitted_at) as CSV.",
        discussion: """
            For plain folders the ledger witnesses submission times: a file's time is fixed by the run that first \
            found it, whatever its mtime says later. This record is that witness as data: give it to \
            `assay run --intake FILE` with a fresh ledger and the same folders and config, and the verdicts come out \
            byte for byte the same. Rows are in canonical order (submission time, path, root); fields are quoted \
            where CSV needs it and never altered otherwise.
            """
    )

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "The file to write (default: standard output).")
    var out: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let ledger = try options.open()
        let sink: LineSink
        if let out, out != "-" {
            try options.guardOutput(out, what: "--out", ledger: ledger)
            do { sink = try LineSink.file(out) } catch { throw CommandFailure.failure(error.message) }
        } else {
            sink = LineSink.standardOutput()
        }
        var count = 0
        // The ledger reports a failed write as its own error; this keeps the sink's.
        var sinkFailure: LineSink.Failure?
        do {
            try sink.write(line: IntakeRecord.header.joined(separator: ","))
            try ledger.forEachIntakeRecord { record in
                do throws(LineSink.Failure) {
                    try sink.write(line: record.line)
                } catch {
                    sinkFailure = error
                    throw error
                }
                if !record.isNameClaim { count += 1 }
            }
            try sink.finish()
        } catch {
            switch sinkFailure ?? (error as? LineSink.Failure) {
            case .pipeClosed?: return
            case let .failed(message)?: throw CommandFailure.failure(message)
            case nil: throw CommandFailure.failure((error as? LedgerError)?.message ?? "\(error)")
            }
        }
        output.say("wrote the intake record of \(count) file\(count == 1 ? "" : "s")" + (out.map { $0 == "-" ? "" : " to \($0)" } ?? ""))
    }
}
