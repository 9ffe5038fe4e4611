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
    /// Smallest `text.relevance` accepted; nil: 0.2 without counter examples, 0.45 with them.
    public var minScore: Double?

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
                            help: "Smallest text.relevance accepted (null: 0.2 without counter_examples, 0.45 with them). Without counter examples relevance is the cosine of the text's TF-IDF vector with the topic's; with them, that cosine's share of the sum with the off-topic examples' (0.5: as close to both)."),
        ]
    }

    /// A list of reference documents, read now; shown (and fingerprinted) as path#sha256-prefix.
    private static func documents(_ name: String, _ path: WritableKeyPath<TextRelevanceOptions, [ReferenceDocument]>, help: String) -> OptionField<TextRelevanceOptions> {
        OptionField(name: name, typeName: "list of paths", help: help,
                    read: { .strings($0[keyPath: path].map(\.label)) }) { options, node throws(ConfigError) in
            let paths = try node.strings(name)
            let folder = (node.file as NSString).deletingLastPathComponent
            let base = folder.hasPrefix("/") ? folder : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
            var read: [ReferenceDocument] = []
            for written in paths {
                let absolute = written.hasPrefix("/") ? written : ((base as NSString).appendingPathComponent(written) as NSString).standardizingPath
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
