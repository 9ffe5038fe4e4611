/// A document format a text folder takes besides plain text: the engine extracts its text
/// (`Sources/DocumentText`) and the text stages judge that text, not the file's bytes.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// PDF, read by poppler-utils in child processes.
    case pdf
    /// Word's Office Open XML, read in process with libzip and libxml2.
    case docx

    /// The MIME type libmagic reports for it (LibreOffice's DOCX included; a bare zip is not one).
    public var mime: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// The file extension (lower case, no dot) that makes `assay check` take a file as text.
    public var fileExtension: String { rawValue }

    /// The format whose MIME type is `mime` exactly, or nil for every other type.
    public init?(mime: String) {
        guard let format = Self.allCases.first(where: { $0.mime == mime }) else { return nil }
        self = format
    }

    /// The MIME type the text stages see for extracted text: always UTF-8.
    public static let extractedMIME = "text/plain; charset=utf-8"
}
