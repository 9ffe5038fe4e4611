import AssayKit

/// The reason codes of `text-dedup`.
public enum TextDedupReasons {
    /// The normalised text equals an accepted file's.
    public static let exact = ReasonCode(
        "text.dup_exact",
        meaning: "The text is the same as a file accepted before it once both are normalised (Unicode NFC, case folded, white space collapsed); duplicate_of names that file.",
        hint: "Do not resubmit text that is already in the dataset; changing case, spacing or line breaks does not make a new document.")
    /// The text is a near copy of an accepted file.
    public static let near = ReasonCode(
        "text.dup_near",
        meaning: "The text shares so many word n-grams with a file accepted before it that their estimated Jaccard similarity (from MinHash signatures) is at or above the stage's threshold; duplicate_of names that file and text.similarity gives the value.",
        hint: "Submit text of your own; a copy with a few words changed, lines moved or a header added is still a copy.")

    /// Every code, for the registry.
    public static let all = [exact, near]
}
