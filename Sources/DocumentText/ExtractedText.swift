/// A document's text as the text stages read it.
public struct ExtractedText: Sendable, Equatable {
    /// UTF-8 text, paragraphs separated by a blank line (a PDF's page breaks count as one).
    public let bytes: [UInt8]
    /// Pages of a PDF as poppler counts them; nil for a DOCX, which has no fixed pages.
    public let pages: Int?

    /// Creates an extracted text.
    public init(bytes: [UInt8], pages: Int?) {
        self.bytes = bytes
        self.pages = pages
    }
}
