/// The options of a validator: a value type whose `init()` holds the shipped defaults and whose
/// `fields` describe each option, so config parsing, `assay plugins`, `assay init` and the config
/// fingerprint all read the same source and cannot drift.
public protocol ValidatorOptions: Sendable {
    /// The shipped defaults.
    init()
    /// Every option, in the order shown to users.
    static var fields: [OptionField<Self>] { get }
}

/// A validator with no options.
public struct NoOptions: ValidatorOptions {
    /// No options.
    public init() {}
    /// No fields.
    public static var fields: [OptionField<NoOptions>] { [] }
}
