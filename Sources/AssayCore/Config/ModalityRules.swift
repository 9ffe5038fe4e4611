/// Which modalities a datanet collects and which sniffed MIME types each modality folder accepts.
public struct ModalityRules: Sendable, Equatable {
    /// Allowed MIME patterns per modality; a pattern may end in `*` (`text/x-*`).
    public var allowed: [Modality: [String]]
    /// The modalities the datanet collects: those `modalities:` lists, or all of them when the
    /// config has no `modalities:`. A file in another modality folder is refused (`intake.modality_closed`).
    public var open: Set<Modality>
    /// Open modalities the config explicitly lets through with no stage judging them (`unchecked: true`).
    public var unchecked: Set<Modality>

    /// The shipped defaults.
    public static let defaults: [Modality: [String]] = [
        .text: ["text/plain", "text/markdown", "text/x-markdown"],
        .image: ["image/png"],
        .audio: ["audio/x-wav", "audio/wav", "audio/flac", "audio/x-flac", "audio/ogg", "audio/mpeg"],
    ]

    /// Rules with the shipped defaults: every modality open, each with its default MIME types.
    public init(allowed: [Modality: [String]] = ModalityRules.defaults, open: Set<Modality> = Set(Modality.allCases),
                unchecked: Set<Modality> = []) {
        self.allowed = allowed
        self.open = open
        self.unchecked = unchecked
    }

    /// True when `mime` is allowed in `modality`'s folders.
    public func allows(_ mime: String, in modality: Modality) -> Bool {
        (allowed[modality] ?? []).contains { pattern in
            pattern.hasSuffix("*") ? mime.hasPrefix(pattern.dropLast()) : mime == pattern
        }
    }

    /// A line per modality for fingerprints: open or closed, unchecked, MIME patterns.
    func describe(_ modality: Modality) -> String {
        "modality \(modality.rawValue) open=\(open.contains(modality)) unchecked=\(unchecked.contains(modality)) mime="
            + (allowed[modality] ?? []).joined(separator: ",")
    }
}
