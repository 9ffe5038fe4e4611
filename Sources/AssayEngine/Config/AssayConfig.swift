import Foundation

/// A loaded, validated configuration: everything a run needs before it reads a file.
public struct AssayConfig: Sendable {
    /// The config file, or nil for the built-in defaults.
    public var source: String?
    /// The path layout of submission folders.
    public var layout: Layout
    /// A manifest CSV to read submissions from instead of walking folders.
    public var manifest: String?
    /// Intake limits and quotas.
    public var limits: Limits
    /// Allowed MIME types per modality.
    public var modalities: ModalityRules
    /// The validator stages, in order.
    public var pipeline: [Stage]
    /// The ledger database path.
    public var ledger: String

    /// Located warnings (FILE:LINE:COLUMN: warning: ...), printed before a command runs; also one
    /// when text folders take PDFs and poppler-utils is not installed.
    public var warnings: [String] {
        pipeline.flatMap(\.warnings) + [DocumentStage.warning(for: modalities, source: source), encodingWarning].compactMap { $0 }
    }

    /// A warning when `encodings` lists character sets the text stages cannot read: their files
    /// are refused at intake with a conversion command, as if they were not listed.
    private var encodingWarning: String? {
        let unread = modalities.undecodableTextEncodings
        guard modalities.open.contains(.text), !unread.isEmpty else { return nil }
        return "\(source ?? "assay.yml"): warning: modalities.text.encodings lists \(unread.joined(separator: ", ")), which the text stages "
            + "cannot read; such files are refused at intake with an iconv command (the stages read: "
            + TextDecoding.decodable.sorted().joined(separator: ", ") + ")"
    }

    /// Creates a config.
    public init(source: String?, layout: Layout = .standard, manifest: String? = nil, limits: Limits = Limits(),
                modalities: ModalityRules = ModalityRules(), pipeline: [Stage], ledger: String) {
        self.source = source
        self.layout = layout
        self.manifest = manifest
        self.limits = limits
        self.modalities = modalities
        self.pipeline = pipeline
        self.ledger = ledger
    }

    /// A hash of everything that changes a verdict, for the run record.
    public var fingerprint: String {
        Stage.hash(decideRules + Modality.allCases.map(analysisRules(for:)).joined())
    }

    /// A hash of what the ordered decide step reads besides the findings: limits, quotas,
    /// modality rules, the pipeline's stages in order and the stateful stages' options. When it
    /// changes, decide is replayed from the first file; findings are kept.
    public var decideFingerprint: String { Stage.hash(decideRules) }

    /// A hash of what analyzing a file of `modality` depends on: the read limit, the modality's
    /// rules and the fingerprint of every stage that applies to it. A file analyzed under another
    /// value is analyzed again (only the stages whose own fingerprint changed run).
    public func analysisFingerprint(for modality: Modality) -> String { Stage.hash(analysisRules(for: modality)) }

    private var decideRules: String {
        var text = "assay-rules \(AssayVersion.rulesRevision)\n"
        // Daily limits are decided before analysis, from the ledger's witnessed times.
        text += "intake witnessed-times quota-before-read\n"
        if let cap = limits.datanetDailyBytes { text += "datanet_daily_bytes \(cap)\n" }
        text += "quotas \(limits.quotasEnabled) \(limits.window.rawValue) \(limits.daily.files.map(String.init) ?? "-") \(limits.daily.bytes.map(String.init) ?? "-")\n"
        for modality in Modality.allCases {
            if let daily = limits.perModality[modality] {
                text += "quota.\(modality) \(daily.files.map(String.init) ?? "-") \(daily.bytes.map(String.init) ?? "-")\n"
            }
            text += modalities.describe(modality) + "\n"
        }
        for stage in pipeline {
            text += "stage \(stage.name) \(stage.stateful == nil ? "-" : stage.fingerprint)\n"
        }
        return text
    }

    private func analysisRules(for modality: Modality) -> String {
        var text = "assay-rules \(AssayVersion.rulesRevision)\nmax_file_bytes \(limits.maxFileBytes)\n" + modalities.describe(modality) + "\n"
        // PDFs and DOCX in text folders are judged by their extracted text. A datanet without text
        // folders judges no text, and skips asking poppler its version (a child process).
        if modality == .text && modalities.open.contains(.text) { text += DocumentStage.standard.rules + "\n" }
        for stage in pipeline where stage.validator.appliesTo.contains(modality) { text += "stage \(stage.name) \(stage.fingerprint)\n" }
        return text
    }
}
