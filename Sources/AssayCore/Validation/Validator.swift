/// A validator stage: the unit a maintainer adds under Plugins/ and a curator lists in `assay.yml`.
///
/// `analyze` is a pure function of the file and the options, so the runner calls it on every core
/// at once. Stages that need state across files (duplicates) also adopt ``StatefulValidator``.
public protocol Validator: Sendable {
    /// The options from the stage's `with:` block; defaults are `Options()`.
    associatedtype Options: ValidatorOptions

    /// The key used in `assay.yml` (`png-check`).
    static var name: String { get }
    /// One line saying what the stage checks, shown by `assay plugins`.
    static var summary: String { get }
    /// The modalities the stage applies to by default.
    static var modalities: Set<Modality> { get }
    /// Every reason code the stage can give; each must be in docs/reasons.md.
    static var reasonCodes: [ReasonCode] { get }

    /// Builds the stage from decoded options; throws when options contradict each other.
    init(options: Options) throws(OptionsError)

    /// The stage name used in reasons (external plugins use their own `name`).
    var stageName: String { get }
    /// The modalities this instance runs on (external plugins take theirs from options).
    var appliesTo: Set<Modality> { get }

    /// Examines one file. Pure: runs on any thread. Throws only when the stage itself fails
    /// (the file then gets the verdict `error`); problems with the file are reasons in the finding.
    func analyze(_ file: FileInput) throws(StageFailure) -> Finding
}

extension Validator {
    /// Defaults to the type's name.
    public var stageName: String { Self.name }
    /// Defaults to the type's modalities.
    public var appliesTo: Set<Modality> { Self.modalities }
}

/// A stage with state across files (duplicate indexes), consulted one file at a time in
/// canonical order (submission time, then path), so verdicts do not depend on thread count.
public protocol StatefulValidator: Validator {
    /// Decides one file against what was admitted before it. Must not change the index.
    func decide(_ finding: Finding, of file: Judgement, index: DuplicateIndex) -> Decision
    /// Records an accepted file in the index, so later copies of it are caught.
    func admit(_ finding: Finding, of file: Judgement, index: DuplicateIndex)
}

/// Options of a stage contradict each other (`min_width` above `max_width`).
public struct OptionsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the options.
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A stage failed on a file for reasons of its own (a plugin crashed, timed out, answered
/// garbage). The file gets the verdict `error` and is retried on the next run.
public struct StageFailure: Error, Sendable, CustomStringConvertible {
    /// The reason code (`external.crash`, `stage.failed`).
    public let code: String
    /// What happened.
    public let message: String
    /// Creates the failure.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
    /// The message.
    public var description: String { message }
}
