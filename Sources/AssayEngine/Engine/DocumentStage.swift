import DocumentText

/// The engine's pseudo stage `document`: between the intake gate and the text stages, a PDF or
/// DOCX in a text folder becomes its extracted text, and the text stages judge that text (as
/// `text/plain; charset=utf-8`, its SHA-256 that of the text). Its finding (metrics
/// `document.text_bytes`, `document.pages`; or the problem) is stored in the ledger under the
/// stage name `document` with ``fingerprint``, like any stage's, and reused while the file's bytes
/// and the extraction rules are unchanged. A PDF with pictures is refused; every other problem
/// with the file rejects it; a timeout or a missing poppler-utils is an `error`, retried.
struct DocumentStage: Sendable {
    /// The stage name findings and reasons carry.
    static let name = DocumentReasons.stage

    /// What extraction made of one document.
    enum Outcome {
        /// The text for the text stages, and the finding to store (metrics only).
        case text(ExtractedText, Finding)
        /// Refused at intake (pictures), with the finding to store.
        case refused(Reason, Finding)
        /// Rejected: the finding holds the reason.
        case rejected(Finding)
        /// Assay failed on it (`stage.timeout`, `stage.failed`); a timeout comes with the finding
        /// to store, so the next run does not spend the budget again.
        case failed(StageFailure, Finding?)
    }

    /// The bounds and code of every extraction.
    let extractor: DocumentExtractor

    /// The shipped extraction.
    static let standard = DocumentStage(extractor: DocumentExtractor())

    /// The line the text analysis fingerprint carries: another revision or other bounds analyze again.
    var rules: String { "stage \(Self.name) " + extractor.summary }

    /// The stored finding's stage fingerprint.
    var fingerprint: String { Stage.hash(rules) }

    /// The config-time warning when text folders take PDFs but poppler-utils is missing (every
    /// PDF would then get `error`), or nil.
    static func warning(for rules: ModalityRules, source: String?) -> String? {
        guard rules.open.contains(.text), rules.allows(DocumentFormat.pdf.mime, in: .text), let missing = DocumentExtractor.missingTools else {
            return nil
        }
        return "\(source ?? "assay.yml"): warning: text folders take PDFs (application/pdf), but \(missing); "
            + "until then every PDF gets error (stage.failed). Or leave application/pdf out of modalities.text.mime."
    }

    /// Extracts `bytes` of `format` within `seconds`, the stage budget.
    func run(_ bytes: [UInt8], format: DocumentFormat, seconds: Double) -> Outcome {
        do throws(DocumentProblem) {
            let text = try extractor.text(of: bytes, format: format, seconds: seconds)
            var metrics = ["document.text_bytes": Double(text.bytes.count)]
            if let pages = text.pages { metrics["document.pages"] = Double(pages) }
            return .text(text, Finding(metrics: metrics))
        } catch {
            if let reason = error.reason {
                let finding = Finding(reasons: [reason])
                return error.refuses ? .refused(reason, finding) : .rejected(finding)
            }
            if case .timeout = error {
                let reason = Reason(CoreReasons.stageTimeout, stage: Self.name, message: error.message, limit: .number(seconds))
                return .failed(StageFailure(code: CoreReasons.stageTimeout.code, message: error.message), Finding(reasons: [reason]))
            }
            return .failed(StageFailure(code: CoreReasons.stageFailed.code, message: error.message), nil)
        }
    }
}
