/// How a submission folder maps paths to contributors and modalities:
/// `{contributor}/{modality}/**` (the default) or `{modality}/{contributor}/**`.
public struct Layout: Sendable, Equatable {
    /// The pattern as written.
    public let pattern: String
    /// True when the modality folder comes first.
    public let modalityFirst: Bool

    /// The default layout.
    public static let standard = Layout(pattern: "{contributor}/{modality}/**", modalityFirst: false)

    /// Parses a pattern; nil when it is not one of the supported shapes.
    public static func parse(_ pattern: String) -> Layout? {
        switch pattern {
        case "{contributor}/{modality}/**": return Layout(pattern: pattern, modalityFirst: false)
        case "{modality}/{contributor}/**": return Layout(pattern: pattern, modalityFirst: true)
        default: return nil
        }
    }

    /// Contributor and modality folder names for a path relative to the root, or nil when the
    /// path is not deep enough to be a submission.
    public func place(of components: [Substring]) -> (contributor: String, modality: String)? {
        guard components.count >= 3 else { return nil }
        let first = String(components[0]), second = String(components[1])
        return modalityFirst ? (second, first) : (first, second)
    }
}
