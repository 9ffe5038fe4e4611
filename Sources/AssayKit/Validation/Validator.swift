/// A validator stage: the unit a maintainer adds under Plugins/ and a curator lists in `assay.yml`.
///
/// `analyze` is a pure function of the file and the options, so the runner calls it on every core
/// at once. Stages that need state across files (duplicates) also adopt ``StatefulValidator``.
public protocol Validator: Sendable {
    /// The options from the stage's `with:` block; defaults are `Options()`.
    associatedtype Options: ValidatorOptions

    /// What the validator is, once: name, summary, modalities, version, reason codes, file
    /// extensions, headline metrics and examples. Everything else reads it from here.
    static var description: ValidatorDescription { get }

    /// Builds the stage from decoded options; throws when options contradict each other.
    init(options: Options) throws(OptionsError)

    /// The stage name used in reasons (external plugins use their own `name`).
    var stageName: String { get }
    /// The modalities this instance runs on (external plugins take theirs from options).
    var appliesTo: Set<Modality> { get }
    /// What the stage's findings depend on besides its name, modalities and options, when that
    /// can change without Assay changing (an external plugin's program files): part of the stage
    /// fingerprint, so a change makes stored findings stale. Nil by default.
    var implementationFingerprint: String? { get }

    /// Examines one file. Pure: runs on any thread. Throws only when the stage itself fails
    /// (the file then gets the verdict `error`); problems with the file are reasons in the finding.
    func analyze(_ file: FileInput) throws(StageFailure) -> Finding
}

extension Validator {
    /// The key used in `assay.yml` (`image-check`).
    public static var name: String { description.name }
    /// One line saying what the stage checks.
    public static var summary: String { description.summary }
    /// The modalities the stage applies to by default.
    public static var modalities: Set<Modality> { description.modalities }
    /// Every reason code the stage can give.
    public static var reasonCodes: [ReasonCode] { description.reasonCodes }
    /// False for a stage the default pipeline leaves out (it needs the curator's options).
    public static var inDefaultPipeline: Bool { description.inDefaultPipeline }
    /// `with:` lines `assay init` writes instead of the defaults.
    public static var exampleOptions: [String]? { description.exampleOptions }
    /// None: a built-in validator's code is versioned by its description's `version`.
    public var implementationFingerprint: String? { nil }
    /// Defaults to the type's name.
    public var stageName: String { Self.name }
    /// Defaults to the type's modalities.
    public var appliesTo: Set<Modality> { Self.modalities }
}

/// A stage with state across files (duplicates), consulted one file at a time in canonical order
/// (submission time, then path), so verdicts do not depend on thread count or on history.
///
/// The stage declares its ``Fingerprint`` type and puts one in each ``Finding`` it returns from
/// `analyze`. The core owns the rest: it stores the fingerprint with the finding, keeps the index
/// of admitted files, finds exact copies (``AdmittedFiles/exactCopy(of:)``), and files an accepted
/// file's fingerprint under its ``StageFingerprint/indexKeys``. `decide` only reads.
public protocol StatefulValidator: Validator {
    /// What the stage remembers of a file to compare later files with.
    associatedtype Fingerprint: StageFingerprint

    /// Decides one file against the files admitted before it in canonical order.
    func decide(_ fingerprint: Fingerprint, of file: Verdict, among admitted: AdmittedFiles<Fingerprint>) -> Decision
}

/// A stateful stage's compact description of one file, stored in the ledger with its finding and,
/// once the file is accepted, in the stage's index of admitted files.
public protocol StageFingerprint: Sendable {
    /// Bytes from which ``init(encoded:)`` restores the same value.
    var encoded: [UInt8] { get }
    /// Restores a fingerprint from ``encoded``; nil for bytes this type did not write.
    init?(encoded: [UInt8])
    /// The 64-bit key under which exact copies meet (a prefix of a full hash); nil when the stage
    /// looks for no exact copies.
    var exactKey: UInt64? { get }
    /// Confirms an exact copy found under ``exactKey`` (compares the full hash, ruling out collisions).
    func isExactCopy(of other: Self) -> Bool
    /// Every key the file is filed under once admitted: ``exactKey`` and any near-copy keys
    /// (LSH bands, hash blocks).
    var indexKeys: [UInt64] { get }
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

extension Validator {
    /// The `with:` keys the stage understands, for checks that a contributor's hint names none.
    public static var optionNames: [String] { Options.fields.map(\.name) }
}
