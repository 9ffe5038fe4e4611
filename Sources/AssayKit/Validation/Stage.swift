import Foundation

/// A validator built from one `pipeline:` entry, with its effective options and the fingerprint
/// of those options (a stored finding is reused only under the same fingerprint).
public struct Stage: Sendable {
    /// The validator instance.
    public let validator: any Validator
    /// The effective options, by key, for the fingerprint and for display.
    public let options: [(key: String, value: OptionValue)]
    /// Hex hash of the validator's name, modalities, options, its description's version (when
    /// above 1), the engine's rules revision and, for an external plugin, its program files.
    public let fingerprint: String
    /// Located warnings from its `with:` block (an option given under its former name).
    public var warnings: [String] = []

    /// The stage's name in reasons.
    public var name: String { validator.stageName }

    /// The stateful side, when the validator has one.
    public var stateful: (any StatefulValidator)? { validator as? any StatefulValidator }

    /// Wraps a validator.
    public init(validator: any Validator, options: [(key: String, value: OptionValue)]) {
        self.validator = validator
        self.options = options
        var text = "assay-rules \(AssayVersion.rulesRevision)\nstage \(type(of: validator).name) \(validator.stageName) "
        text += validator.appliesTo.sorted().map(\.rawValue).joined(separator: ",") + "\n"
        for (key, value) in options { text += "\(key)=\(value.yaml)\n" }
        // Version 1 adds no line, so the fingerprints of ledgers made before versions existed
        // stay valid; every later version changes the fingerprint of this stage only.
        let version = type(of: validator).description.version
        if version != 1 { text += "version \(version)\n" }
        // Only validators that have one add a line: every other stage keeps its fingerprint.
        if let implementation = validator.implementationFingerprint { text += "implementation \(implementation)\n" }
        fingerprint = Self.hash(text)
    }

    /// The first 16 hex digits of SHA-256 of `text`: the short form every fingerprint of a
    /// config and a stage uses.
    public static func hash(_ text: String) -> String {
        String(ContentHash.sha256(Array(text.utf8)).prefix(16))
    }
}

extension StatefulValidator {
    /// Restores this stage's fingerprint from stored bytes; nil for bytes another type wrote.
    public func restoreFingerprint(_ bytes: [UInt8]) -> (any StageFingerprint)? {
        Fingerprint(encoded: bytes)
    }

    /// `decide` as the decider calls it: on the finding's fingerprint (a file without one, such as
    /// an image that did not decode, is decided as unique) against a read-only view of `index`
    /// that leaves out the file at the absolute path `excluding`.
    public func decide(_ finding: Finding, of file: Verdict, index: DuplicateIndex, excluding: String? = nil) -> Decision {
        guard let mine = finding.fingerprint as? Fingerprint else { return Decision() }
        return decide(mine, of: file, among: AdmittedFiles(index: index, excluding: excluding))
    }
}
extension Validator {
    /// Builds the stage from a `with:` block, strictly: unknown options and wrong types are
    /// located errors, with a suggestion when a known option is close.
    public static func makeStage(with node: ConfigNode?, at use: ConfigNode) throws(ConfigError) -> Stage {
        var options = Options()
        let fields = Options.fields
        var warnings: [String] = []
        if let node, !node.isNull {
            for (key, keyNode, value) in try node.mapping(of: "'with' of \(name)") {
                if let field = fields.first(where: { $0.aliases.contains(key) }) {
                    warnings.append(keyNode.error("option '\(key)' of \(name) is now '\(field.name)'; the old name works until the next version")
                        .description.replacingOccurrences(of: ": error: ", with: ": warning: "))
                    try field.apply(value, to: &options)
                    continue
                }
                guard let field = fields.first(where: { $0.name == key }) else {
                    let known = fields.isEmpty ? "it takes no options" : "known: " + fields.map(\.name).joined(separator: ", ")
                    throw keyNode.error("unknown option '\(key)' for \(name); \(known)",
                                        suggestion: Suggestion.closest(to: key, in: fields.map(\.name)))
                }
                try field.apply(value, to: &options)
            }
        }
        let validator: Self
        do {
            validator = try Self(options: options)
        } catch {
            throw (node ?? use).error("\(name): \(error.message)")
        }
        let settled = options
        var stage = Stage(validator: validator, options: fields.map { ($0.name, $0.read(settled)) })
        stage.warnings = warnings
        return stage
    }

    /// The options and their defaults, for `assay plugins` and `assay init`.
    public static var optionDescriptions: [(name: String, type: String, defaultValue: OptionValue, help: String)] {
        Options.fields.map { ($0.name, $0.typeName, $0.defaultValue, $0.help) }
    }
}
