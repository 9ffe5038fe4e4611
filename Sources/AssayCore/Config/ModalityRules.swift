/// Which sniffed MIME types each modality folder accepts.
public struct ModalityRules: Sendable, Equatable {
    /// Allowed MIME patterns per modality; a pattern may end in `*` (`text/x-*`).
    public var allowed: [Modality: [String]]

    /// The shipped defaults.
    public static let defaults: [Modality: [String]] = [
        .text: ["text/plain", "text/markdown", "text/x-markdown"],
        .image: ["image/png"],
        .audio: ["audio/x-wav", "audio/wav", "audio/flac", "audio/x-flac", "audio/ogg", "audio/mpeg"],
    ]

    /// Rules with the shipped defaults.
    public init(allowed: [Modality: [String]] = ModalityRules.defaults) {
        self.allowed = allowed
    }

    /// True when `mime` is allowed in `modality`'s folders.
    public func allows(_ mime: String, in modality: Modality) -> Bool {
        (allowed[modality] ?? []).contains { pattern in
            pattern.hasSuffix("*") ? mime.hasPrefix(pattern.dropLast()) : mime == pattern
        }
    }
}
