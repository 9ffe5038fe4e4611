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
    /// Text in any of them reaches the text stages whatever its subtype (`text/x-c` is a guess);
    /// text in another (UTF-16 by default) is refused with `intake.modality_mismatch`.
    public var textEncodings: [String]

    /// The shipped text character sets: ASCII and UTF-8, and the 8-bit sets, which reach
    /// `text-quality` so it can name the first byte that is not UTF-8.
    public static let defaultTextEncodings = ["us-ascii", "utf-8", "iso-8859-1", "unknown-8bit"]

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
