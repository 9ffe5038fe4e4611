import DocumentText
import AssayKit

/// The text an accepted PDF or DOCX was judged by, extracted again from its bytes for exports
/// (the ledger keeps findings, not texts). Extraction is a function of the bytes and the shipped
/// bounds, so for the bytes judged it is the text the stages saw.
public enum DocumentExport {
    /// What to write for a text-folder file of `mime`: plain text as the text stages read it
    /// (decoded to UTF-8 from its character set, see ``TextDecoding``), the extracted text for a
    /// document; throws the message when a document gives no text now (a poppler-utils that went
    /// missing, for example).
    public static func text(of bytes: [UInt8], mime: String?, seconds: Double) throws(DocumentProblem) -> [UInt8] {
        guard let mime, let format = DocumentFormat(mime: mime) else {
            let charset = mime.flatMap { SniffedType(mime: $0).charset } ?? "utf-8"
            return TextDecoding.utf8(bytes, charset: charset) ?? bytes
        }
        return try DocumentStage.standard.extractor.text(of: bytes, format: format, seconds: seconds).bytes
    }
}
