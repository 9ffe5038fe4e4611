import AssayKit

/// `use: text-relevance`: is this document about what the datanet collects?
///
/// Words are compared by meaning, through static word-piece embeddings distilled from the
/// sentence model all-MiniLM-L6-v2 (``EmbeddingTable``: "bridge" sits next to "bridges",
/// "scheduling" next to "schedule" and "timetable"). A text's embedding is the weighted mean of its
/// pieces' vectors measured from the mean of a background of documentation; the topic is the
/// direction of the sum of the topic sentence's and the examples' embeddings, each counting the
/// same. Without counter-examples `text.relevance` is (1 + cosine with the topic) / 2; with them,
/// (1 + cosine with the topic − cosine with the counter-examples' direction) / 2, so 0.5 is a text
/// as close to both, or as close to the topic as ordinary documentation is. Below `min_score` the
/// text is rejected (`text.off_topic`), naming the topic's key terms it lacks (TF-IDF over the
/// shipped ``Background``) and the counter-example it is closest to.
///
/// Chosen by measurement (Benchmarks/relevance.sh, docs/benchmarks.md): the former TF-IDF cosine
/// scored ROC AUC 0.49 with a topic and 5 examples; these embeddings score 0.84. A forward pass of
/// the model itself would score higher but costs about 100 ms per document; a table lookup costs
/// microseconds.
public struct TextRelevance: Validator {
    /// The options.
    public typealias Options = TextRelevanceOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-relevance",
        summary: "Scores a text against the datanet's topic (word-piece embeddings distilled from all-MiniLM-L6-v2, compared with a topic sentence and examples) and rejects off-topic texts.",
        modalities: [.text],
        version: 2,
        reasonCodes: TextRelevanceReasons.all,
        inDefaultPipeline: false,
        exampleOptions: [
            "topic: \"Linux kernel internals: drivers, file systems, memory management, scheduling\"   # give this first",
            "examples: [topic/kernel-1.txt, topic/kernel-2.txt]        # then a few on-topic documents, relative to this file",
            "counter_examples: [topic/python-1.txt]                    # off-topic ones, once rejections show what to exclude",
            "min_score: null                                           # null: 0.45 with a topic alone, 0.47 with examples, 0.49 with counter_examples",
        ],
        examples: examples
    )

    /// The default `min_score` with a topic sentence alone: rejects only texts clearly further
    /// from the topic than ordinary documentation (kept 89% of kernel documents, Benchmarks/relevance.sh).
    static let topicOnlyThreshold = 0.45
    /// The default with on-topic examples.
    static let examplesThreshold = 0.47
    /// The default with counter-examples.
    static let counterExamplesThreshold = 0.49

    /// Texts to embeddings, with the table this stage loaded.
    let embedder: TopicEmbedder
    private let tableSHA256: String
    private let topic: UnitVector
    private let topicTerms: [String]
    private let counters: [(name: String, vector: UnitVector)]
    private let counterDirection: UnitVector?
    private let threshold: Double

    /// Builds the topic; a config must give `topic` or `examples`, and the embedding table must be installed.
    public init(options: TextRelevanceOptions) throws(OptionsError) {
        guard !options.topic.trimmingCharacters(in: .whitespaces).isEmpty || !options.examples.isEmpty else {
            throw OptionsError("give 'topic' (what the datanet collects) or 'examples'")
        }
        let loaded = try EmbeddingTableStore.table(at: options.model.isEmpty ? nil : options.model)
        let embedder = TopicEmbedder(table: loaded.table)
        self.embedder = embedder
        tableSHA256 = loaded.sha256
        var references: [UnitVector] = []
        if !options.topic.trimmingCharacters(in: .whitespaces).isEmpty { references.append(embedder.embed(options.topic)) }
        references += options.examples.map { embedder.embed($0.bytes) }
        topic = UnitVector(sumOf: references)
        let idf = IDF.shipped
        topicTerms = TermVector(centroidOf: [(TermVector(Array(options.topic.utf8), idf: idf), 1)]
                                + options.examples.map { (TermVector($0.bytes, idf: idf), 1) }).top(12)
        counters = options.counterExamples.map { ($0.written, embedder.embed($0.bytes)) }
        counterDirection = counters.isEmpty ? nil : UnitVector(sumOf: counters.map(\.vector))
        threshold = options.minScore ?? (!counters.isEmpty ? Self.counterExamplesThreshold
                                         : options.examples.isEmpty ? Self.topicOnlyThreshold : Self.examplesThreshold)
    }

    /// The embedding table's SHA-256: a rebuilt table makes stored findings stale.
    public var implementationFingerprint: String? { "table:" + tableSHA256 }

    /// Scores the text.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let text = embedder.embed(file.bytes)
        let similarity = text.cosine(topic)
        var margin = similarity
        var finding = Finding(metrics: ["text.topic_similarity": similarity])
        if let counterDirection {
            let off = text.cosine(counterDirection)
            finding.metrics["text.off_topic_similarity"] = off
            margin = similarity - off
        }
        let score = min(1, max(0, (1 + margin) / 2))
        finding.metrics["text.relevance"] = score
        guard score < threshold else { return finding }
        let words = TermVector(file.bytes, idf: IDF.shipped)
        let missing = topicTerms.filter { !words.contains($0) }.prefix(6)
        var message = "the text does not seem to be about the topic (relevance \(HumanNumber.format(score)), at least \(HumanNumber.format(threshold)) needed)"
        if !missing.isEmpty { message += "; it does not mention " + missing.joined(separator: ", ") }
        if let closest = counters.map({ ($0.name, text.cosine($0.vector)) }).max(by: { $0.1 < $1.1 }), closest.1 > similarity {
            message += "; it is closest to the off-topic example \(closest.0)"
        }
        finding.reasons.append(Reason(TextRelevanceReasons.offTopic, stage: Self.name, message: message,
                                      value: .number(score), limit: .number(threshold)))
        return finding
    }
}
