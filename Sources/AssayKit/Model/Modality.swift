/// The kind of content a submission folder holds. Modalities are kept apart: a file is judged
/// only by the stages of the modality its folder names.
public enum Modality: String, Sendable, CaseIterable, Hashable, Comparable {
    case text
    case image
    case audio

    /// Orders modalities by their declaration order, for stable output.
    public static func < (lhs: Modality, rhs: Modality) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
