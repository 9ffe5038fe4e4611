/// Everything about a validator that is not its code, in one value: the registry, `assay
/// plugins`, `assay init`, `check`'s file extensions, the report's histograms, the reason and
/// option references in docs/ and the contract suite are all read from it.
///
/// Modelled on SwiftLint's `RuleDescription`: the examples are part of the description, so one
/// generated test runs every validator's examples and a validator cannot ship without them.
public struct ValidatorDescription: Sendable {
    /// The key used in `assay.yml` (`image-check`): lower-case words joined by `-`, unique in the registry.
    public let name: String
    /// Names the stage had before (`image-check` for `image-check`): a config that still says
    /// `use:` one of them gets this stage, for one version after the rename (see CHANGELOG.md).
    public let formerNames: [String]
    /// One line saying what the stage checks, shown by `assay plugins` and written by `assay init`.
    public let summary: String
    /// The modalities the stage applies to unless its options say otherwise.
    public let modalities: Set<Modality>
    /// The version of the validator's findings. Part of the stage fingerprint: bump it whenever
    /// the same file and options could give a different finding (a rule, a threshold, a metric),
    /// and every ledger re-analyzes this stage, and only this stage, on its next run. The
    /// contract suite records each version's findings on the examples and fails on a change
    /// without a bump. Starts at 1.
    public let version: Int
    /// Every reason code the stage can give, each documented in docs/reasons.md.
    public let reasonCodes: [ReasonCode]
    /// Lower-case file extensions, without the dot, of the files this stage judges (`png`):
    /// `assay check` infers a file's modality from them. Only a single-modality stage names any.
    public let fileExtensions: [String]
    /// Metrics the report draws a histogram of, for the files of the stage's modality.
    public let headlineMetrics: [HeadlineMetric]
    /// False for a stage that needs the curator's options before it can run (a topic, a
    /// command): the built-in default pipeline leaves it out and `assay init` writes it
    /// commented out.
    public let inDefaultPipeline: Bool
    /// `with:` lines `assay init` writes instead of the defaults (an example to edit, for a stage
    /// whose defaults cannot run); nil writes every option with its default.
    public let exampleOptions: [String]?
    /// Inputs with the codes they must and must not give, run by the contract suite. Every
    /// declared code needs an example that gives it, unless ``codesWithoutExamples`` says why not.
    public let examples: [ValidatorExample]
    /// Codes no single file can give in the contract suite, each with why (a plugin that stops
    /// answering, a run-level limit); they are covered by the validator's own tests.
    public let codesWithoutExamples: [String: String]

    /// The one modality of a stage that judges one; nil for a stage of several (its file
    /// extensions and headline metrics could not say which modality they belong to).
    public var soleModality: Modality? {
        modalities.count == 1 ? modalities.first : nil
    }

    /// Describes a validator; see each property for what it means and who reads it.
    public init(name: String, formerNames: [String] = [], summary: String, modalities: Set<Modality>, version: Int = 1, reasonCodes: [ReasonCode],
                fileExtensions: [String] = [], headlineMetrics: [HeadlineMetric] = [], inDefaultPipeline: Bool = true,
                exampleOptions: [String]? = nil, examples: [ValidatorExample] = [], codesWithoutExamples: [String: String] = [:]) {
        self.name = name
        self.formerNames = formerNames
        self.summary = summary
        self.modalities = modalities
        self.version = version
        self.reasonCodes = reasonCodes
        self.fileExtensions = fileExtensions
        self.headlineMetrics = headlineMetrics
        self.inDefaultPipeline = inDefaultPipeline
        self.exampleOptions = exampleOptions
        self.examples = examples
        self.codesWithoutExamples = codesWithoutExamples
    }
}
