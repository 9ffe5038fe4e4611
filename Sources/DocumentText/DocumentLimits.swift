/// The bounds of turning one document into text. Every bound is checked before the work it
/// limits or while it runs (never after), so a hostile file costs at most these, within the
/// stage budget; all of them are part of the text analysis fingerprint (``summary``).
public struct DocumentLimits: Sendable, Equatable {
    /// Pages of a PDF, as `pdfinfo` counts them.
    public var maxPages = 2_000
    /// Bytes of UTF-8 text extracted (PDF or DOCX); more is `document.too_large`.
    public var maxTextBytes = 8 << 20
    /// Entries in a DOCX's zip directory.
    public var maxEntries: UInt64 = 1_000
    /// Sum of the inflated sizes every DOCX entry declares (images included, though never inflated).
    public var maxDeclaredBytes: UInt64 = 256 << 20
    /// Bytes inflated from word/document.xml, declared or actually produced (read in chunks).
    public var maxInflatedBytes: UInt64 = 32 << 20
    /// Inflated / compressed size of word/document.xml, judged once past 1 MiB inflated.
    public var maxRatio: UInt64 = 100
    /// Nesting of XML elements in word/document.xml.
    public var maxDepth: UInt32 = 200
    /// RLIMIT_AS of each poppler child process, bytes.
    public var toolMemory: UInt64 = 512 << 20

    /// The shipped bounds.
    public init() {}

    /// The shipped bounds.
    public static let standard = DocumentLimits()

    /// One line naming every bound, for fingerprints: other bounds can give other verdicts.
    public var summary: String {
        "pages=\(maxPages) text=\(maxTextBytes) entries=\(maxEntries) declared=\(maxDeclaredBytes) inflated=\(maxInflatedBytes) "
            + "ratio=\(maxRatio) depth=\(maxDepth) tool_memory=\(toolMemory)"
    }
}
