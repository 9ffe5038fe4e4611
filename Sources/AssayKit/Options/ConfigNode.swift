import Foundation

/// One value of a configuration file with its place in that file, so every read can fail with a
/// location. Neutral about the file format: the engine builds these from YAML, a test from
/// anything, and a validator reads its options from them without knowing the format.
public struct ConfigNode: Sendable {
    /// What the value is: text (with whether it was written plain, unquoted), a list or a mapping.
    public enum Value: Sendable {
        /// A scalar's text; `plain` is false for a quoted scalar (`"true"` is text, not a boolean).
        case scalar(String, plain: Bool)
        /// A list's items, in written order.
        case sequence([ConfigNode])
        /// A mapping's pairs, in written order (keys are nodes, for their places).
        case mapping([(key: ConfigNode, value: ConfigNode)])
    }

    /// What was written here: text, a list or a mapping.
    public let value: Value
    /// The config file path, for messages.
    public let file: String
    /// 1-based line of the value in `file`, nil for a value with no place (a default).
    public let line: Int?
    /// 1-based column of the value in `file`.
    public let column: Int?

    /// A node at a place in a file.
    public init(_ value: Value, file: String, line: Int? = nil, column: Int? = nil) {
        self.value = value
        self.file = file
        self.line = line
        self.column = column
    }

    /// A plain scalar with no place, as a default or a test writes it.
    public init(plain text: String, file: String = "<defaults>") {
        self.init(.scalar(text, plain: true), file: file)
    }

    /// The items when this is a list.
    public var items: [ConfigNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    /// The pairs when this is a mapping.
    public var pairs: [(key: ConfigNode, value: ConfigNode)]? {
        if case let .mapping(pairs) = value { return pairs }
        return nil
    }

    /// An error located at this node.
    public func error(_ message: String, suggestion: String? = nil) -> ConfigError {
        ConfigError(file: file, line: line, column: column, message: message, suggestion: suggestion)
    }

    /// The node's text when it is a scalar.
    public var scalar: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    /// True for `~`, `null` and an empty plain scalar.
    public var isNull: Bool {
        guard let plainScalar else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(plainScalar)
    }

    /// The pairs of a mapping with string keys, in written order; rejects duplicate keys.
    public func mapping(of what: String) throws(ConfigError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard let mapping = pairs else { throw error("\(what) must be a mapping of keys to values") }
        var seen = Set<String>()
        var named: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar else { throw keyNode.error("keys in \(what) must be plain names") }
            guard seen.insert(name).inserted else { throw keyNode.error("duplicate key '\(name)' in \(what)") }
            named.append((name, keyNode, value))
        }
        return named
    }

    /// The items of a sequence.
    public func sequence(of what: String) throws(ConfigError) -> [ConfigNode] {
        guard let items else { throw error("\(what) must be a list") }
        return items
    }

    /// A string scalar.
    public func string(_ key: String) throws(ConfigError) -> String {
        guard let scalar else { throw error("'\(key)' must be a text value") }
        return scalar
    }

    /// An integer scalar.
    public func integer(_ key: String) throws(ConfigError) -> Int {
        guard let text = plainScalar, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw error("'\(key)' must be a whole number, got \(shown)")
        }
        return value
    }

    /// A number scalar.
    public func number(_ key: String) throws(ConfigError) -> Double {
        guard let text = plainScalar, let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw error("'\(key)' must be a number, got \(shown)")
        }
        return value
    }

    /// A boolean scalar (`true` or `false`).
    public func boolean(_ key: String) throws(ConfigError) -> Bool {
        switch plainScalar?.lowercased() {
        case "true": return true
        case "false": return false
        default: throw error("'\(key)' must be true or false, got \(shown)")
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    public func strings(_ key: String) throws(ConfigError) -> [String] {
        if items != nil {
            var items: [String] = []
            for item in try sequence(of: "'\(key)'") { items.append(try item.string(key)) }
            return items
        }
        return [try string(key)]
    }

    /// A byte size: a whole number of bytes or a number with B, KB, MB, GB (powers of 10) or
    /// KiB, MiB, GiB (powers of 2).
    public func size(_ key: String) throws(ConfigError) -> Int64 {
        guard let text = scalar, let bytes = ByteSize.parse(text) else {
            throw error("'\(key)' must be a size such as 10MB or 512KiB (units B, KB, MB, GB, KiB, MiB, GiB), got \(shown)")
        }
        return bytes
    }

    /// A duration in seconds: a number of seconds or a number with ms, s or m.
    public func duration(_ key: String) throws(ConfigError) -> Double {
        guard let text = scalar, let seconds = DurationText.parse(text) else {
            throw error("'\(key)' must be a duration such as 500ms, 5s or 2m, at most 30 days, got \(shown)")
        }
        return seconds
    }

    /// The most nodes one top-level value of a config may hold once YAML aliases are expanded
    /// (and one `json` option value, read on its own): far above any real config, far below the
    /// 10^8 nodes a 563-byte alias bomb expands to.
    public static let maxNodes = 100_000

    /// Any value, as JSON; a config error when it would hold more than ``maxNodes`` nodes
    /// (aliases are counted as often as they are used, as the JSON would repeat them).
    public func json() throws(ConfigError) -> JSONValue {
        var budget = Self.maxNodes
        return try json(budget: &budget)
    }

    private func json(budget: inout Int) throws(ConfigError) -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw error("this value holds more than \(Self.maxNodes) nodes once its YAML aliases are expanded; "
                        + "write the options out, or use fewer aliases")
        }
        switch value {
        case let .scalar(text, plain):
            if plain {
                if isNull { return .null }
                if text == "true" { return .bool(true) }
                if text == "false" { return .bool(false) }
                if let number = Double(text) { return .number(number) }
            }
            return .string(text)
        case let .sequence(items):
            var values: [JSONValue] = []
            for item in items { values.append(try item.json(budget: &budget)) }
            return .array(values)
        case let .mapping(pairs):
            var members: [(String, JSONValue)] = []
            for (key, value) in pairs { members.append((key.scalar ?? "", try value.json(budget: &budget))) }
            return .object(members)
        }
    }

    private var plainScalar: String? {
        if case let .scalar(text, true) = value { return text }
        return nil
    }

    private var shown: String {
        if let scalar { return "'\(scalar)'" }
        return pairs != nil ? "a mapping" : "a list"
    }
}
