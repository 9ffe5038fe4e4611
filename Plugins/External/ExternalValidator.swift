import AssayKit

/// `use: external`: a validator written in any language, run as a separate program that speaks
/// JSON Lines on its standard input and output (docs/plugins.md, docs/plugin-protocol.schema.json).
///
/// A plugin that crashes, answers garbage or misses its timeout gives that file the verdict
/// `error` and is killed and restarted; after `max_failures` failures in a row it is disabled for
/// the rest of the run. Its stderr goes to Assay's stderr, each line prefixed with `[NAME] `.
public struct ExternalValidator: Validator {
    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "external",
        summary: "Runs a program in any language that judges files over a JSON Lines protocol (docs/plugins.md).",
        modalities: Set(Modality.allCases),
        reasonCodes: ExternalReasons.all,
        inDefaultPipeline: false,
        exampleOptions: ["name: pii", "command: [python3, plugins/pii_screen.py]", "modalities: [text]", "timeout: 5s", "workers: 2"],
        examples: examples,
        codesWithoutExamples: [
            "external.disabled": "Given only to the files judged after max_failures failures in a row (max_failures is at least 1, and the file that fails gets its own external.crash, external.protocol or external.timeout); an example judges one file, and a failure on an earlier input ends the example. Covered by ExternalTests/MisbehavingPluginTests (aPluginFailingManyFilesInARowIsDisabledLoudly, aPluginNotFoundFailsEveryFileThenIsDisabled).",
        ]
    )

    /// The plugin's `name`.
    public let stageName: String
    /// The plugin's `modalities`.
    public let appliesTo: Set<Modality>
    private let pool: PluginPool
    /// SHA-256 over the plugin's program: its executable and every argument that names a file.
    public let implementationFingerprint: String?

    /// Checks the options; the plugin starts when the first file needs it.
    public init(options: ExternalOptions) throws(OptionsError) {
        try self.init(options: options, log: .standardError)
    }

    /// As ``init(options:)``, with plugin stderr and notes sent to `log`.
    init(options: ExternalOptions, log: PluginLog) throws(OptionsError) {
        let spec = try PluginSpec(options)
        stageName = spec.name
        appliesTo = spec.modalities
        pool = PluginPool(spec: spec, log: log)
        implementationFingerprint = spec.programHash
    }

    /// Asks the plugin about the file; a crash, garbage or timeout throws (verdict `error`).
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        try pool.judge(file)
    }
}
