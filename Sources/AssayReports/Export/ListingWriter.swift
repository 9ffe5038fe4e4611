import AssayCore
/// Writes the `jsonl`, `csv` and `list` exports, one accepted file per line.
struct ListingWriter {
    static let csvHeader = "path,root,contributor,modality,bytes,sha256,submitted_at"

    let format: ExportFormat
    let sink: LineSink

    /// Writes the header a format has (only `csv`).
    func begin() throws(LineSink.Failure) {
        if format == .csv { try sink.write(line: Self.csvHeader) }
    }

    func add(_ file: AcceptedFile) throws(LineSink.Failure) {
        let verdict = file.verdict
        switch format {
        case .jsonl, .hf:
            try sink.write(line: file.line)
        case .csv:
            let cells = [verdict.path, verdict.root, verdict.contributor, verdict.modality, String(verdict.bytes),
                         verdict.sha256 ?? "", RFC3339.format(verdict.submittedAt)]
            try sink.write(line: CSVCell.line(cells, safe: true))
        case .list:
            try sink.write(line: file.absolutePath)
        }
    }
}
