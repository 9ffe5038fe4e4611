/// One option of a validator: its key, type, help text, and where it lives in the options value.
public struct OptionField<Root: ValidatorOptions> {
    /// The key in `with:` (`min_words`).
    public let name: String
    /// The type shown to users (`integer`, `size`, `list of text`).
    public let typeName: String
    /// One line of help.
    public let help: String
    /// Reads the value from an options value (the default when `Root()`).
    public let read: (Root) -> OptionValue
    /// Parses a node and stores it, or fails with a located error.
    let parse: (inout Root, ConfigNode) throws(ConfigError) -> Void
    /// Former keys, accepted for one version with a warning.
    public private(set) var aliases: [String] = []

    /// The same field, also accepted under its former key `old` (with a warning).
    public func formerly(_ old: String) -> Self {
        var copy = self
        copy.aliases.append(old)
        return copy
    }

    /// The shipped default.
    public var defaultValue: OptionValue { read(Root()) }

    /// Parses `node` into `options`.
    public func apply(_ node: ConfigNode, to options: inout Root) throws(ConfigError) {
        try parse(&options, node)
    }

    /// A field built from its parts; the typed constructors below cover every built-in need.
    public init(name: String, typeName: String, help: String, read: @escaping (Root) -> OptionValue,
                parse: @escaping (inout Root, ConfigNode) throws(ConfigError) -> Void) {
        self.name = name
        self.typeName = typeName
        self.help = help
        self.read = read
        self.parse = parse
    }
}

extension OptionField {
    /// A whole number within `range`.
    public static func integer(_ name: String, _ path: WritableKeyPath<Root, Int>, in range: ClosedRange<Int>, help: String) -> Self {
        Self(name: name, typeName: "integer", help: help, read: { .integer($0[keyPath: path]) }) { options, node throws(ConfigError) in
            let value = try node.integer(name)
            guard range.contains(value) else { throw node.error("'\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
            options[keyPath: path] = value
        }
    }

    /// A number within `range`.
    public static func number(_ name: String, _ path: WritableKeyPath<Root, Double>, in range: ClosedRange<Double>, help: String) -> Self {
        Self(name: name, typeName: "number", help: help, read: { .number($0[keyPath: path]) }) { options, node throws(ConfigError) in
            let value = try node.number(name)
            guard range.contains(value) else {
                throw node.error("'\(name)' must be between \(JSONWriter.format(range.lowerBound)) and \(JSONWriter.format(range.upperBound)), got \(JSONWriter.format(value))")
            }
            options[keyPath: path] = value
        }
    }

    /// A number within `range`, or `null` to switch the check off.
    public static func optionalNumber(_ name: String, _ path: WritableKeyPath<Root, Double?>, in range: ClosedRange<Double>, help: String) -> Self {
        Self(name: name, typeName: "number or null", help: help, read: { $0[keyPath: path].map(OptionValue.number) ?? .null }) { options, node throws(ConfigError) in
            if node.isNull {
                options[keyPath: path] = nil
                return
            }
            let value = try node.number(name)
            guard range.contains(value) else {
                throw node.error("'\(name)' must be between \(JSONWriter.format(range.lowerBound)) and \(JSONWriter.format(range.upperBound)), got \(JSONWriter.format(value))")
            }
            options[keyPath: path] = value
        }
    }

    /// `true` or `false`.
    public static func boolean(_ name: String, _ path: WritableKeyPath<Root, Bool>, help: String) -> Self {
        Self(name: name, typeName: "boolean", help: help, read: { .boolean($0[keyPath: path]) }) { options, node throws(ConfigError) in
            options[keyPath: path] = try node.boolean(name)
        }
    }

    /// A byte size (`10MB`, `512KiB`).
    public static func size(_ name: String, _ path: WritableKeyPath<Root, Int64>, help: String) -> Self {
        Self(name: name, typeName: "size", help: help, read: { .size($0[keyPath: path]) }) { options, node throws(ConfigError) in
            options[keyPath: path] = try node.size(name)
        }
    }

    /// A duration (`500ms`, `5s`, `2m`), stored in seconds.
    public static func duration(_ name: String, _ path: WritableKeyPath<Root, Double>, help: String) -> Self {
        Self(name: name, typeName: "duration", help: help, read: { .duration($0[keyPath: path]) }) { options, node throws(ConfigError) in
            options[keyPath: path] = try node.duration(name)
        }
    }

    /// A text; when `choices` is not empty the text must be one of them.
    public static func string(_ name: String, _ path: WritableKeyPath<Root, String>, choices: [String] = [], help: String) -> Self {
        let typeName = choices.isEmpty ? "text" : "one of " + choices.joined(separator: ", ")
        return Self(name: name, typeName: typeName, help: help, read: { .string($0[keyPath: path]) }) { options, node throws(ConfigError) in
            let value = try node.string(name)
            if !choices.isEmpty, !choices.contains(value) {
                throw node.error("'\(name)' must be one of \(choices.joined(separator: ", ")), got '\(value)'",
                                 suggestion: Suggestion.closest(to: value, in: choices))
            }
            options[keyPath: path] = value
        }
    }

    /// A list of texts; when `choices` is not empty every item must be one of them.
    public static func strings(_ name: String, _ path: WritableKeyPath<Root, [String]>, choices: [String] = [], help: String) -> Self {
        let typeName = choices.isEmpty ? "list of text" : "list of " + choices.joined(separator: ", ")
        return Self(name: name, typeName: typeName, help: help, read: { .strings($0[keyPath: path]) }) { options, node throws(ConfigError) in
            let values = try node.strings(name)
            if !choices.isEmpty {
                let items = node.items ?? [node]
                for (value, item) in zip(values, items) where !choices.contains(value) {
                    throw item.error(
                        "'\(name)' items must be among \(choices.joined(separator: ", ")), got '\(value)'",
                        suggestion: Suggestion.closest(to: value, in: choices))
                }
            }
            options[keyPath: path] = values
        }
    }

    /// Any YAML value, kept as JSON.
    public static func json(_ name: String, _ path: WritableKeyPath<Root, JSONValue>, help: String) -> Self {
        Self(name: name, typeName: "any", help: help, read: { .json($0[keyPath: path]) }) { options, node throws(ConfigError) in
            options[keyPath: path] = try node.json()
        }
    }
}
