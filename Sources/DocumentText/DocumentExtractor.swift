import AssayKit

/// Turns a PDF or a DOCX into the UTF-8 text the text stages judge. The text, or the problem,
/// is a function of the file's bytes, ``limits`` and the installed poppler-utils' version, all
/// three in ``summary`` (and so in the analysis fingerprint), so verdicts stay a function of the
/// files and the config. Safe on any thread.
public struct DocumentExtractor: Sendable {
    /// The bounds every extraction keeps.
    public let limits: DocumentLimits

    /// Bumped when the same document could give another text or another problem.
    public static let revision = 1

    /// An extractor with `limits`.
    public init(limits: DocumentLimits = .standard) {
        self.limits = limits
    }

    /// What the text analysis fingerprint carries for documents: the revision, the bounds and the
    /// installed poppler-utils' version (asked once per process).
    public var summary: String { "document-text \(Self.revision) \(limits.summary) poppler=\(PopplerTools.version)" }

    /// The text of `bytes` in `format`, within `seconds` (the stage budget: wall time for the
    /// poppler children, CPU time of this thread for DOCX; `.infinity` for none), or the problem.
    public func text(of bytes: [UInt8], format: DocumentFormat, seconds: Double) throws(DocumentProblem) -> ExtractedText {
        switch format {
        case .pdf:
            let budget = seconds.isFinite ? max(0, seconds) : 86_400
            return try PDFText.extract(bytes, limits: limits, deadline: ContinuousClock.now + .milliseconds(Int64(budget * 1000)))
        case .docx:
            return try DOCXText.extract(bytes, limits: limits, cpuSeconds: seconds)
        }
    }

    /// A config-time check: the message saying how to install poppler-utils when a PDF could not be read, or nil.
    public static var missingTools: String? {
        if case let .failure(problem) = PopplerTools.located { return problem.message }
        return nil
    }
}
