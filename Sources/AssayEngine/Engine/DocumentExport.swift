import DocumentText

/// The text an accepted PDF or DOCX was judged by, extracted again from its bytes for exports
/// (the ledger keeps findings, not texts). Extraction is a function of the bytes and the shipped
/// bounds, so for the bytes judged it is the text the stages saw.
public enum DocumentExport {
    /// What to write for a text-folder file of `mime`: `bytes` themselves for plain text, the
    /// extracted text for a document; throws the message when a document gives no text now (a
    /// poppler-utils that went missing, for example).
    public static func text(of bytes: [UInt8], mime: String?, seconds: Double) throws(DocumentProblem) -> [UInt8] {
        guard let mime, let format = DocumentFormat(mime: mime) else { return bytes }
        return try DocumentStage.standard.extractor.text(of: bytes, format: format, seconds: seconds).bytes
    }
}
