/// A validator built from one `pipeline:` entry, with its effective options.
public struct Stage: Sendable {
    /// The validator instance.
    public let validator: any Validator
    /// The effective options, by key, for the fingerprint and for display.
    public let options: [(key: String, value: OptionValue)]

    /// The stage's name in reasons.
    public var name: String { validator.stageName }

    /// The stateful side, when the validator has one.
    public var stateful: (any StatefulValidator)? { validator as? any StatefulValidator }

    /// Wraps a validator.
    public init(validator: any Validator, options: [(key: String, value: OptionValue)]) {
        self.validator = validator
        self.options = options
    }
}

extension Validator {
    /// Builds the stage from a `with:` block, strictly: unknown options and wrong types are
    /// located errors, with a suggestion when a known option is close.
    public static func makeStage(with node: ConfigNode?, at use: ConfigNode) throws(ConfigError) -> Stage {
        var options = Options()
        let fields = Options.fields
        if let node, !node.isNull {
            for (key, keyNode, value) in try node.mapping(of: "'with' of \(name)") {
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
        return Stage(validator: validator, options: fields.map { ($0.name, $0.read(settled)) })
    }

    /// The options and their defaults, for `assay plugins` and `assay init`.
    public static var optionDescriptions: [(name: String, type: String, defaultValue: OptionValue, help: String)] {
        Options.fields.map { ($0.name, $0.typeName, $0.defaultValue, $0.help) }
    }
}
