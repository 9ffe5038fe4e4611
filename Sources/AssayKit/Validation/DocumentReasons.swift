/// Reason codes the engine gives while turning a PDF or DOCX of a text folder into text, before
/// the text stages run. They belong to the pseudo stage `document` (no `use:` in a pipeline), and
/// are listed with the core codes by ``ValidatorRegistry/reasonCodes``.
public enum DocumentReasons {
    /// The name findings and reasons of extraction carry, in verdicts and the ledger.
    public static let stage = "document"

    /// A PDF with pictures: refused at intake, so it does not count against the contributor.
    public static let pdfImages = ReasonCode(
        "document.pdf_images", meaning: "The PDF holds pictures (counted with `pdfimages -list`; the value is how many). A text datanet takes the words only, so the file is refused at intake, not held against the contributor.",
        hint: "Send the text alone: export it with `pdftotext -enc UTF-8 in.pdf out.txt` (poppler-utils) and submit out.txt.")
    /// A PDF without a text layer.
    public static let noText = ReasonCode(
        "document.no_text", meaning: "The document has no text to extract: a PDF without a text layer (a scan or pictures of pages), or a DOCX without words.",
        hint: "Run OCR to give the PDF a text layer, for example `ocrmypdf in.pdf out.pdf`, check the words, and submit the result (or its text, `pdftotext`).")
    /// An encrypted PDF.
    public static let encrypted = ReasonCode(
        "document.encrypted", meaning: "The PDF (or the DOCX's document part) is encrypted, with a user password or with an owner password that restricts copying its text.",
        hint: "Submit an unencrypted copy: `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`.")
    /// A damaged document.
    public static let corrupt = ReasonCode(
        "document.corrupt", meaning: "The PDF or DOCX cannot be read: truncated (no %%EOF at the end of a PDF, no zip directory), damaged, not well-formed XML, or with a document type declaration, which Word never writes. The message gives the reader's words.",
        hint: "Export the document again from the program that made it (File > Export as PDF, or Save as .docx), or submit its text as a .txt.")
    /// Over one of the extraction limits.
    public static let tooLarge = ReasonCode(
        "document.too_large", meaning: "The document passes an extraction limit: pages (2,000), extracted text (8 MiB), zip entries (1,000), declared or actual inflated size (32 MiB for word/document.xml, 256 MiB in all), inflation ratio (100) or XML nesting (200). The value is what was measured, the limit the bound it broke.",
        hint: "Split the document into smaller ones below the limit, or submit its text as .txt files.")

    /// Every code of extraction.
    public static let all: [ReasonCode] = [pdfImages, noText, encrypted, corrupt, tooLarge]
}
