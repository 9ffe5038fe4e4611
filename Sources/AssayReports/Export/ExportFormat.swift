import AssayCore
/// What `assay export` writes. `hf` is a folder; the others are one stream (a file or standard
/// output) for other tools.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// A folder Hugging Face `datasets` loads with no code: `text/train.jsonl`, an imagefolder and
    /// an audiofolder (each with `metadata.jsonl`), and a `README.md` dataset card naming them.
    case hf
    /// The accepted files' verdict lines, exactly as the ledger holds them.
    case jsonl
    /// One row per accepted file: path, root, contributor, modality, bytes, sha256, submitted_at.
    case csv
    /// Absolute paths, one per line.
    case list
}
