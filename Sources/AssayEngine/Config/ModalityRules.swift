/// Which modalities a datanet collects and which sniffed MIME types each modality folder accepts.
public struct ModalityRules: Sendable, Equatable {
    /// Allowed MIME patterns per modality; a pattern may end in `*` (`text/x-*`).
    public var allowed: [Modality: [String]]
    /// The modalities the datanet collects: those `modalities:` lists, or all of them when the
    /// config has no `modalities:`. A file in another modality folder is refused (`intake.modality_closed`).
    public var open: Set<Modality>
    /// Open modalities the config explicitly lets through with no stage judging them (`unchecked: true`).
    public var unchecked: Set<Modality>
    /// Character sets (libmagic's names; a pattern may end in `*`) a text folder takes text in.
    /// Text in any of them that the text stages can read (``TextDecoding``) reaches them as UTF-8
    /// whatever its subtype (`text/x-c` is a guess); text in another (UTF-16 by default), or in a
    /// listed set no stage can read (`unknown-8bit`), is refused with `intake.modality_mismatch`
    /// and the `iconv` command that converts it.
    public var textEncodings: [String]

    /// The shipped text character sets: ASCII, UTF-8 (damaged UTF-8 too, which `text-quality`
    /// rejects naming the first bad byte) and Latin-1, decoded to UTF-8 for the stages.
    public static let defaultTextEncodings = ["us-ascii", "utf-8", "iso-8859-1"]

    /// Listed character sets the text stages cannot read (their files are refused at intake).
    public var undecodableTextEncodings: [String] {
        textEncodings.filter { !$0.hasSuffix("*") && !TextDecoding.canDecode($0) }
    }

    /// The shipped defaults.
    public static let defaults: [Modality: [String]] = [
        // PDF and DOCX reach the text stages as their extracted text (``DocumentStage``); a bare zip does not.
        .text: ["text/plain", "text/markdown", "text/x-markdown"] + DocumentFormat.allCases.map(\.mime),
        .image: ["image/png", "image/jpeg", "image/webp", "image/tiff", "image/bmp", "image/x-ms-bmp"],
        .audio: ["audio/x-wav", "audio/wav", "audio/flac", "audio/x-flac", "audio/ogg", "audio/mpeg"],
    ]

    /// Rules with the shipped defaults: every modality open, each with its default MIME types.
    public init(allowed: [Modality: [String]] = ModalityRules.defaults, open: Set<Modality> = Set(Modality.allCases),
                unchecked: Set<Modality> = [], textEncodings: [String] = ModalityRules.defaultTextEncodings) {
        self.allowed = allowed
        self.open = open
        self.unchecked = unchecked
        self.textEncodings = textEncodings
    }

    /// True when `mime` is allowed in `modality`'s folders.
    public func allows(_ mime: String, in modality: Modality) -> Bool {
        Self.matches(mime, allowed[modality] ?? [])
    }

    /// True when text in `charset` (lower case) is taken in text folders.
    public func allowsText(in charset: String) -> Bool {
        Self.matches(charset, textEncodings)
    }

    private static func matches(_ value: String, _ patterns: [String]) -> Bool {
        patterns.contains { pattern in
            pattern.hasSuffix("*") ? value.hasPrefix(pattern.dropLast()) : value == pattern
        }
    }

    /// A line per modality for fingerprints: open or closed, unchecked, MIME patterns.
    func describe(_ modality: Modality) -> String {
        "modality \(modality.rawValue) open=\(open.contains(modality)) unchecked=\(unchecked.contains(modality)) mime="
            + (allowed[modality] ?? []).joined(separator: ",")
            + (modality == .text ? " sniff=\(TextSniff.revision) encodings=" + textEncodings.joined(separator: ",") : "")
    }
}
