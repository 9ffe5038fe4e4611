import AssayKit

/// The codes `text-relevance` gives.
public enum TextRelevanceReasons {
    /// The text is not about the datanet's topic.
    public static let offTopic = ReasonCode(
        "text.off_topic",
        meaning: "The text is not about what the datanet collects: its words score below min_score against the topic (TF-IDF cosine), or are closer to an off-topic example; the message names the topic terms it lacks or the example it is closest to.",
        hint: "Submit documents about the datanet's topic (the message names its main terms); this datanet does not collect this subject.")

    /// Every code.
    public static let all = [offTopic]
}
