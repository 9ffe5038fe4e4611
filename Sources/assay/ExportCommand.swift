import ArgumentParser
import AssayCore
import AssayReports
import Foundation

/// `assay export`: the accepted files, in canonical order, as a dataset or a listing.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the accepted files: a Hugging Face datasets folder (hf), verdict lines (jsonl), a table (csv) or paths (list).",
        discussion: """
            hf writes text/train.jsonl, image/train/ and audio/train/ (files hard-linked where the file system allows, \
            else copied, beside a metadata.jsonl) and a README.md dataset card; load it with \
            datasets.load_dataset("OUT/text"), "OUT/image" or "OUT/audio". Exporting again into the same folder gives the same folder. \
            An accepted file that changed or vanished since it was judged is left out and named in a warning: \
            run `assay run` to judge it again.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case hf, jsonl, csv, list }

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "The folder to write (hf, required), or the file (jsonl, csv, list; default: standard output).")
    var out: String?

    @Option(name: .long, help: "Output format.")
    var format: Format = .hf

    @Option(name: .long, help: "Only this modality: text, image or audio.")
    var modality: String?

    @Option(name: .long, help: "Only this contributor.")
    var contributor: String?

    @Option(name: .long, help: "Only files submitted on or after this day (2026-11-24) or time (RFC 3339).")
    var since: String?

    @Flag(name: .long, help: "With --format hf: hard-link the files instead of copying them (no extra space, but the link is the contributor's file: a later write to it changes the dataset).")
    var link = false

    @Flag(name: .long, help: "With --format list: end each path with a NUL byte instead of a newline (for xargs -0; names may hold newlines).")
    var null = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let selection = try self.selection()
        let ledger = try options.open()
        if let out, out != "-" { try options.guardOutput(out, what: "--out", ledger: ledger) }
        let exporter = Exporter(ledger: ledger, selection: selection)
        let summary: ExportSummary
        do {
            switch format {
            case .hf:
                guard let out else { throw CommandFailure.usage("--format hf writes a folder: name it with --out DIR") }
                summary = try exporter.exportDataset(to: out, link: link)
            case .jsonl, .csv, .list:
                let sink: LineSink
                if let out {
                    do { sink = try LineSink.file(out) } catch { throw CommandFailure.failure(error.message) }
                } else {
                    sink = LineSink.standardOutput()
                }
                if null {
                    guard format == .list else { throw CommandFailure.usage("--null goes with --format list") }
                    sink.terminator = 0
                }
                summary = try exporter.exportListing(ExportFormat(rawValue: format.rawValue) ?? .jsonl, to: sink)
            }
        } catch let error as ExportError {
            throw CommandFailure.failure(error.message)
        }
        for left in summary.leftOut {
            output.warn("\(left.file.path) (in \(left.file.root)): \(left.reason); not exported. Run `assay run` to judge it again.")
        }
        if summary.leftOutCount > summary.leftOut.count {
            output.warn("\(summary.leftOutCount - summary.leftOut.count) more accepted \(Plural.noun(summary.leftOutCount - summary.leftOut.count, "file")) changed or vanished; not exported.")
        }
        let counts = Modality.allCases.compactMap { m in summary.exported[m].map { "\($0) \(m.rawValue)" } }
        output.say("exported \(Plural.count(summary.total, "file"))" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))")
                   + (out.map { " to \($0)" } ?? ""))
    }

    private func selection() throws -> ExportSelection {
        var selection = ExportSelection(contributor: contributor)
        if let modality {
            guard let parsed = Modality(rawValue: modality) else { throw CommandFailure.usage("--modality \(modality): expected text, image or audio") }
            selection.modality = parsed
        }
        if let since {
            guard let parsed = ExportSelection.parseSince(since) else {
                throw CommandFailure.usage("--since \(since): expected a day (2026-11-24) or an RFC 3339 time (2026-11-24T10:00:00Z)")
            }
            selection.since = parsed
        }
        return selection
    }
}
