import Crypto
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

    /// A hash of everything that changes a verdict (limits, MIME rules, stages and their effective
    /// options, the engine's rules revision). A file is judged again when it changes.
    public var fingerprint: String {
        var text = "assay-rules \(AssayVersion.rulesRevision)\n"
        text += "max_file_bytes \(limits.maxFileBytes)\n"
        text += "quotas \(limits.quotasEnabled) \(limits.window.rawValue) \(limits.daily.files.map(String.init) ?? "-") \(limits.daily.bytes.map(String.init) ?? "-")\n"
        for modality in Modality.allCases {
            if let daily = limits.perModality[modality] {
                text += "quota.\(modality) \(daily.files.map(String.init) ?? "-") \(daily.bytes.map(String.init) ?? "-")\n"
            }
            text += "mime.\(modality) \((modalities.allowed[modality] ?? []).joined(separator: ","))\n"
        }
        for stage in pipeline {
            text += "stage \(stage.name) \(stage.validator.appliesTo.sorted().map(\.rawValue).joined(separator: ","))\n"
            for (key, value) in stage.options { text += "  \(key)=\(value.yaml)\n" }
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16).description
    }
}
