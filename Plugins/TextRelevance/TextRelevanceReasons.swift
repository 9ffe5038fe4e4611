import AssayKit

/// The codes `text-relevance` gives.
public enum TextRelevanceReasons {
    /// The text is not about the datanet's topic.
    public static let offTopic = ReasonCode(
        "text.off_topic",
        meaning: "The text is not about what the datanet collects: its meaning (word-piece embeddings distilled from all-MiniLM-L6-v2) scores below min_score against the topic sentence and examples, or it is closer to the counter-examples; the message names the topic terms it lacks or the counter-example it is closest to.",
        hint: "Submit documents about the datanet's topic (the message names its main terms); this datanet does not collect this subject.",
        curator: "Give text-relevance a topic sentence first (alone it keeps texts as close to it as ordinary documentation: min_score 0.45), then 3 to 5 on-topic examples from the datanet (0.47), then counter-examples of what slipped through (0.49); raise min_score when the topic is far from documentation in general (licences against manual pages: licences 0.88 to 0.96, coreutils pages 0.56 to 0.68, so min_score 0.75). A run that rejects most texts as off-topic says so in its summary.")

    /// Every code.
    public static let all = [offTopic]
}
