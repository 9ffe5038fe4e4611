/// The validator types a config may name. The built-in list lives in one file of the
/// AssayPlugins target; tests and embedders can make their own.
public struct ValidatorRegistry: @unchecked Sendable {
    // @unchecked: metatypes of a Sendable protocol carry no mutable state.
    /// Every validator type, in the order `assay plugins` and `assay init` show them.
    public let types: [any Validator.Type]

    /// A registry of `types`.
    public init(_ types: [any Validator.Type]) {
        self.types = types
    }

    /// The names a config can `use:`.
    public var names: [String] { types.map { $0.name } }

    /// The type named `name`.
    public func type(named name: String) -> (any Validator.Type)? {
        types.first { $0.name == name }
    }

    /// Every reason code: the engine's and each validator's.
    public var reasonCodes: [ReasonCode] {
        CoreReasons.all + types.flatMap { $0.reasonCodes }
    }

    /// The hint for a code, if the code is declared (external plugin codes have none).
    public func hint(for code: String) -> String? {
        reasonCodes.first { $0.answers(to: code) }?.hint
    }
}
