import AssayCore
/// The `README.md` of an `hf` export: how to load each modality, counts per modality and
/// contributor, the columns, and the rules the verdicts were decided under. It holds no clock
/// time, so exporting the same ledger twice writes the same card.
///
/// It declares no `configs:`: `datasets` picks one builder for a whole folder, so a JSON-lines
/// text config and an imagefolder config cannot share one; each modality folder is a dataset.
struct DatasetCard {
    /// Contributors named in the table; the rest are summed in one row.
    static let contributorsShown = 50

    let summary: ExportSummary
    let selection: ExportSelection
    let decideFingerprint: String?
    let metricColumns: [Modality: [String]]

    var markdown: String {
        let modalities = Modality.allCases.filter { (summary.exported[$0] ?? 0) > 0 }
        var text = "---\npretty_name: Accepted files exported by Assay\n---\n\n# Accepted files exported by Assay\n\n"
        text += "Every file here was accepted by `assay run`; the ledger holds each verdict and its reasons. "
        text += "Each modality is its own dataset with a train split: `text/` (JSON lines), `image/` (an imagefolder) "
        text += "and `audio/` (an audiofolder). Load one with `datasets.load_dataset(\"PATH/text\")`. "
        text += "Audio needs `datasets` with its audio extra (torchcodec from version 4 on; soundfile and librosa before).\n\n"
        text += "| modality | files | bytes | load with |\n|---|---:|---:|---|\n"
        for modality in modalities {
            text += "| \(modality.rawValue) | \(summary.exported[modality] ?? 0) | \(summary.bytes[modality] ?? 0) | "
            text += "`load_dataset(\"PATH/\(modality.rawValue)\")` |\n"
        }
        text += "\n## Contributors\n\n| contributor | files |\n|---|---:|\n"
        let contributors = summary.byContributor.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (name, count) in contributors.prefix(Self.contributorsShown) { text += "| \(Self.cell(name)) | \(count) |\n" }
        if contributors.count > Self.contributorsShown {
            let rest = contributors.dropFirst(Self.contributorsShown)
            text += "| \(rest.count) others | \(rest.map(\.value).reduce(0, +)) |\n"
        }
        text += "\n## Columns\n\n"
        text += "`contributor`, `path` (relative to the folder judged), `sha256`, `submitted_at` (RFC 3339, UTC); "
        text += "`text` for documents, `file_name` for images and audio; and each metric a stage recorded, a float or null:\n\n"
        for modality in modalities {
            let metrics = metricColumns[modality] ?? []
            text += "- \(modality.rawValue): " + (metrics.isEmpty ? "none" : metrics.map { "`\($0)`" }.joined(separator: ", ")) + "\n"
        }
        text += "\n## Provenance\n\n"
        text += "- Exported by assay \(AssayVersion.string).\n"
        text += "- Decided under rules `\(decideFingerprint ?? "unknown")` (the config's decide fingerprint).\n"
        var filters: [String] = []
        if let modality = selection.modality { filters.append("modality \(modality.rawValue)") }
        if let contributor = selection.contributor { filters.append("contributor \(Self.cell(contributor))") }
        if let since = selection.since { filters.append("submitted since \(RFC3339.format(since))") }
        text += "- Selection: " + (filters.isEmpty ? "every accepted file" : filters.joined(separator: ", ")) + ".\n"
        if summary.leftOutCount > 0 {
            text += "- Left out: \(summary.leftOutCount) accepted \(Plural.noun(summary.leftOutCount, "file")) that changed or vanished since they were judged.\n"
        }
        return text
    }

    /// A table cell from a contributor's text: inert Markdown (``MarkdownText``), so a folder
    /// name can neither break the table nor add a heading, a link or HTML to the card.
    private static func cell(_ text: String) -> String {
        MarkdownText.escape(text)
    }
}
