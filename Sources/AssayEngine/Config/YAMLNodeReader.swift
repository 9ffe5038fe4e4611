import AssayKit
import Yams

/// Turns a composed YAML document into the format-neutral ``ConfigNode`` tree validators read.
///
/// The tree is built eagerly, so YAML aliases are expanded here: the reader counts the nodes of
/// each top-level value (`pipeline:`, `modalities:`, ...), aliases as often as they are used, and
/// stops at ``ConfigNode/maxNodes`` with an error located where the count ran out. A 563-byte
/// alias bomb that would expand to 10^8 nodes costs 100,000 and is refused.
struct YAMLNodeReader {
    /// The config file path, for locations.
    let file: String
    private var budget = ConfigNode.maxNodes

    init(file: String) {
        self.file = file
    }

    /// The neutral tree of `node`, the document's root when `depth` is 0.
    mutating func read(_ node: Node, depth: Int = 0) throws(ConfigError) -> ConfigNode {
        // Each top-level value has the whole budget: a large config is not one value.
        if depth == 1 { budget = ConfigNode.maxNodes }
        budget -= 1
        let line = node.mark?.line
        let column = node.mark?.column
        guard budget >= 0 else {
            throw ConfigError(file: file, line: line, column: column,
                              message: "this value holds more than \(ConfigNode.maxNodes) nodes once its YAML aliases are expanded; "
                                  + "write the options out, or use fewer aliases")
        }
        switch node {
        case let .scalar(scalar):
            return ConfigNode(.scalar(scalar.string, plain: scalar.style == .plain), file: file, line: line, column: column)
        case let .sequence(sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try read(item, depth: depth + 1)) }
            return ConfigNode(.sequence(items), file: file, line: line, column: column)
        case let .mapping(mapping):
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            for (key, value) in mapping { pairs.append((try read(key, depth: depth + 1), try read(value, depth: depth + 1))) }
            return ConfigNode(.mapping(pairs), file: file, line: line, column: column)
        case .alias:
            // Composed documents resolve aliases; an unresolved one reads as null, as before.
            return ConfigNode(.scalar("", plain: true), file: file, line: line, column: column)
        }
    }
}
