import AssayKit

/// Why a document gave no text for the text stages. Each case maps to one reason code
/// (``reasonCode``); ``timeout`` and ``toolMissing`` are failures of Assay, not of the file.
public enum DocumentProblem: Error, Sendable, Equatable {
    /// A PDF with pictures (how many `pdfimages -list` lists): refused, not rejected.
    case pictures(Int)
    /// No text at all (a scan; a DOCX without words).
    case noText
    /// Encrypted; the message says how poppler or libzip saw it.
    case encrypted(String)
    /// Cannot be read; the message gives the reader's words.
    case corrupt(String)
    /// Over a bound of ``DocumentLimits``: what, the measured value and the bound.
    case tooLarge(String, value: Double, limit: Double)
    /// The extraction ran out of its stage budget (wall time for poppler, CPU time for DOCX).
    case timeout(String)
    /// A poppler tool is not installed, or a child process could not be started.
    case toolMissing(String)

    /// The code of a problem with the file, or nil for ``timeout`` and ``toolMissing``.
    public var reasonCode: ReasonCode? {
        switch self {
        case .pictures: DocumentReasons.pdfImages
        case .noText: DocumentReasons.noText
        case .encrypted: DocumentReasons.encrypted
        case .corrupt: DocumentReasons.corrupt
        case .tooLarge: DocumentReasons.tooLarge
        case .timeout, .toolMissing: nil
        }
    }

    /// The reason for a problem with the file, or nil for ``timeout`` and ``toolMissing``.
    public var reason: Reason? {
        guard let code = reasonCode else { return nil }
        let stage = DocumentReasons.stage
        switch self {
        case let .pictures(count):
            return Reason(code, stage: stage, message: "the PDF holds \(count) picture\(count == 1 ? "" : "s"); this datanet takes text only",
                          value: .number(Double(count)), limit: .number(0))
        case .noText:
            return Reason(code, stage: stage, message: "the document has no text layer to extract (a scan, or pictures of pages)")
        case let .encrypted(message), let .corrupt(message):
            return Reason(code, stage: stage, message: message)
        case let .tooLarge(what, value, limit):
            return Reason(code, stage: stage, message: "\(what): \(HumanNumber.format(value)), over the limit of \(HumanNumber.format(limit))",
                          value: .number(value), limit: .number(limit))
        case .timeout, .toolMissing:
            return nil
        }
    }

    /// True when the file is refused at intake rather than rejected.
    public var refuses: Bool {
        if case .pictures = self { return true }
        return false
    }

    /// The message of a failure of Assay (``timeout``, ``toolMissing``), or of any problem.
    public var message: String {
        switch self {
        case let .timeout(message), let .toolMissing(message), let .encrypted(message), let .corrupt(message): message
        default: reason?.message ?? "\(self)"
        }
    }
}
