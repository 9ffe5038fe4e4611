import AssayCore
/// `assay export`: writes the accepted files of a ledger, in canonical order, as a dataset
/// folder or a listing. An accepted file that changed or vanished since it was judged is left
/// out (its verdict is about other bytes) and named in the summary.
public struct Exporter {
    /// The ledger, opened read only: an export never changes it.
    public let ledger: Ledger
    /// Which accepted files to take.
    public let selection: ExportSelection

    /// An exporter of `selection` from `ledger`.
    public init(ledger: Ledger, selection: ExportSelection = ExportSelection()) {
        self.ledger = ledger
        self.selection = selection
    }

    /// Writes the `hf` folder at `folder` (created, or an earlier export replaced in place):
    /// read-only copies of the files, or hard links to them with `link`.
    public func exportDataset(to folder: String, link: Bool = false) throws(ExportError) -> ExportSummary {
        let columns = try metricColumns()
        let writer = try HFDatasetWriter(folder: folder, metricColumns: columns, link: link)
        var summary = ExportSummary()
        try forEachSource { file, modality, source throws(ExportError) in
            if try writer.add(file, modality: modality, source: source) {
                summary.add(file.verdict, modality: modality)
            } else {
                summary.leaveOut(file.verdict.file, because: "changed while it was exported")
            }
        } leftOut: { summary.leaveOut($0, because: $1) }
        let fingerprint: String?
        do {
            fingerprint = try ledger.decideFingerprint()
        } catch {
            throw ExportError(error.message)
        }
        try writer.finish(card: DatasetCard(summary: summary, selection: selection, decideFingerprint: fingerprint,
                                            metricColumns: columns).markdown)
        return summary
    }

    /// Writes a `jsonl`, `csv` or `list` listing to `sink`.
    public func exportListing(_ format: ExportFormat, to sink: LineSink) throws(ExportError) -> ExportSummary {
        let writer = ListingWriter(format: format, sink: sink)
        var summary = ExportSummary()
        do {
            try writer.begin()
            try forEachSource { file, modality, _ throws(ExportError) in
                do {
                    try writer.add(file)
                } catch {
                    throw ExportError("cannot write the listing: \(error)")
                }
                summary.add(file.verdict, modality: modality)
            } leftOut: { summary.leaveOut($0, because: $1) }
            try sink.finish()
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError("cannot write the listing: \(error)")
        }
        return summary
    }

    /// The metric names recorded on the selected files, per modality, sorted: one column each.
    func metricColumns() throws(ExportError) -> [Modality: [String]] {
        var names: [Modality: Set<String>] = [:]
        do {
            try ledger.forEachAccepted(selection) { file in
                guard let modality = Modality(rawValue: file.verdict.modality) else { return }
                names[modality, default: []].formUnion(file.verdict.metrics.keys)
            }
        } catch {
            throw ExportError(error.message)
        }
        return names.mapValues { $0.sorted() }
    }

    /// Opens each selected accepted file, checked unchanged, and passes it to `body`; reports
    /// the others to `leftOut`.
    private func forEachSource(_ body: (AcceptedFile, Modality, SourceFile) throws(ExportError) -> Void,
                               leftOut: (FileRef, String) -> Void) throws(ExportError) {
        var failure: ExportError?
        do throws(LedgerError) {
            try ledger.forEachAccepted(selection) { file in
                guard let modality = Modality(rawValue: file.verdict.modality) else { return }
                let source: SourceFile
                switch Result(catching: { () throws(SourceFile.Problem) -> SourceFile in try SourceFile(file) }) {
                case let .success(opened): source = opened
                case .failure(.changed): return leftOut(file.verdict.file, "changed since it was judged")
                case let .failure(.vanished(why)): return leftOut(file.verdict.file, "cannot be opened: \(why)")
                }
                do throws(ExportError) {
                    try body(file, modality, source)
                } catch {
                    failure = error
                    throw error
                }
            }
        } catch {
            throw failure ?? ExportError(error.message)
        }
    }
}
