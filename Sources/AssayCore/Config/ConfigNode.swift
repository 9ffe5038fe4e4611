import Foundation
import Yams

/// A YAML node together with the file it came from, so every read can fail with a location.
public struct ConfigNode {
    /// The YAML node.
    public let node: Node
    /// The config file path, for messages.
    public let file: String

    /// Wraps a node.
    public init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// An error located at this node.
    public func error(_ message: String, suggestion: String? = nil) -> ConfigError {
        ConfigError(file: file, line: node.mark?.line, column: node.mark?.column, message: message, suggestion: suggestion)
    }

    /// The node's text when it is a scalar.
    public var scalar: String? { node.scalar?.string }

    /// True for `~`, `null` and an empty plain scalar.
    public var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The pairs of a mapping with string keys, in written order; rejects duplicate keys.
    public func mapping(of what: String) throws(ConfigError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping of keys to values") }
        var seen = Set<String>()
        var pairs: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            let keyNode = ConfigNode(node: key, file: file)
            guard let name = key.scalar?.string else { throw keyNode.error("keys in \(what) must be plain names") }
            guard seen.insert(name).inserted else { throw keyNode.error("duplicate key '\(name)' in \(what)") }
            pairs.append((name, keyNode, ConfigNode(node: value, file: file)))
        }
        return pairs
    }

    /// The items of a sequence.
    public func sequence(of what: String) throws(ConfigError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("\(what) must be a list") }
        return sequence.map { ConfigNode(node: $0, file: file) }
    }

    /// A string scalar.
    public func string(_ key: String) throws(ConfigError) -> String {
        guard let scalar, node.mapping == nil, node.sequence == nil else { throw error("'\(key)' must be a text value") }
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
        if node.sequence != nil {
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

    /// The most nodes one value may hold once YAML aliases are expanded: far above any real
    /// plugin's options, far below the 10^8 nodes a 563-byte alias bomb expands to.
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
        switch node {
        case let .scalar(scalar):
            if scalar.style == .plain {
                if isNull { return .null }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
                if let number = Double(scalar.string) { return .number(number) }
            }
            return .string(scalar.string)
        case let .sequence(sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try ConfigNode(node: item, file: file).json(budget: &budget)) }
            return .array(items)
        case let .mapping(mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, value) in mapping { pairs.append((key.scalar?.string ?? "", try ConfigNode(node: value, file: file).json(budget: &budget))) }
            return .object(pairs)
        case .alias:
            return .null
        }
    }

    private var plainScalar: String? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        return scalar.string
    }

    private var shown: String {
        if let scalar { return "'\(scalar)'" }
        return node.mapping != nil ? "a mapping" : "a list"
    }
}
