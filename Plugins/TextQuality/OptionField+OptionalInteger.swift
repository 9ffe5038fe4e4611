import AssayKit

extension OptionField {
    /// A whole number within `range`, or `null` to switch the check off. Core has a nullable
    /// number but no nullable integer; word counts and lengths must stay whole numbers.
    static func optionalInteger(_ name: String, _ path: WritableKeyPath<Root, Int?>, in range: ClosedRange<Int>, help: String) -> Self {
        Self(name: name, typeName: "integer or null", help: help,
             read: { $0[keyPath: path].map(OptionValue.integer) ?? .null }) { options, node throws(ConfigError) in
            if node.isNull {
                options[keyPath: path] = nil
                return
            }
            let value = try node.integer(name)
            guard range.contains(value) else {
                throw node.error("'\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            }
            options[keyPath: path] = value
        }
    }
}
