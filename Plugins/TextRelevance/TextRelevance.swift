import AssayKit

/// `use: text-relevance`: is this document about what the datanet collects? The topic is the
/// TF-IDF centroid of the curator's description and on-topic examples, with document
/// frequencies from a shipped background of real technical English (``Background``). Without
/// off-topic examples a text's relevance (`text.relevance`) is the cosine of its vector with the
/// topic's; with them (Rocchio), it is that cosine's share of the sum with the off-topic
/// centroid's, so 0.5 means as close to both. Below `min_score` the text is rejected
/// (`text.off_topic`), naming the topic terms it lacks and the off-topic example it is closest to.
///
/// CPU only, no model: a few microseconds per kilobyte. Chosen over BM25 because the score must
/// be comparable across documents of any length (cosine is length-normalised) and over an
/// embedding model because none can be downloaded at run time; `samples/` shows an external
/// plugin for curators with one.
public struct TextRelevance: Validator {
    /// The options.
    public typealias Options = TextRelevanceOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-relevance",
        summary: "Scores a text against the datanet's topic (TF-IDF cosine with a description and examples) and rejects off-topic texts.",
        modalities: [.text],
        reasonCodes: TextRelevanceReasons.all,
        inDefaultPipeline: false,
        exampleOptions: [
            "topic: \"Linux kernel internals: drivers, file systems, memory management, scheduling\"",
            "examples: [topic/kernel-1.txt, topic/kernel-2.txt]        # on-topic documents, relative to this file",
            "counter_examples: [topic/python-1.txt]                    # off-topic ones: much sharper (see Benchmarks/relevance.sh)",
            "min_score: null                                           # null: 0.2 without counter_examples, 0.45 with them",
        ],
        examples: examples
    )

    private let options: TextRelevanceOptions
    private let topic: TermVector
    private let topicTerms: [String]
    private let counters: [(name: String, vector: TermVector)]
    private let counterCentroid: TermVector?
    private let threshold: Double

    /// Builds the topic; a config must give `topic` or `examples`.
    public init(options: TextRelevanceOptions) throws(OptionsError) {
        guard !options.topic.trimmingCharacters(in: .whitespaces).isEmpty || !options.examples.isEmpty else {
            throw OptionsError("give 'topic' (what the datanet collects) or 'examples'")
        }
        self.options = options
        let idf = IDF.shipped
        let description = TermVector(Array(options.topic.utf8), idf: idf)
        let examples = options.examples.map { TermVector($0.bytes, idf: idf) }
        topic = TermVector(centroidOf: [(description, 1)] + examples.map { ($0, 1) })
        topicTerms = topic.top(12)
        counters = options.counterExamples.map { ($0.written, TermVector($0.bytes, idf: idf)) }
        counterCentroid = counters.isEmpty ? nil : TermVector(centroidOf: counters.map { ($0.vector, 1) })
        threshold = options.minScore ?? (counters.isEmpty ? 0.2 : 0.45)
    }

    /// Scores the text.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let text = TermVector(file.bytes, idf: IDF.shipped)
        let similarity = text.cosine(topic)
        var score = similarity
        var finding = Finding(metrics: ["text.topic_similarity": similarity])
        if let counterCentroid {
            let off = text.cosine(counterCentroid)
            finding.metrics["text.off_topic_similarity"] = off
            score = similarity + off > 0 ? similarity / (similarity + off) : 0
        }
        finding.metrics["text.relevance"] = score
        guard score < threshold else { return finding }
        let missing = topicTerms.filter { !text.contains($0) }.prefix(6)
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
