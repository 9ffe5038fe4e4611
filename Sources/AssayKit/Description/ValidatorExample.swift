/// One input of a validator's contract: a file (real or generated), the options to judge it
/// with, and the reason codes it must and must not give. The contract suite runs every example
/// of every registered validator, as SwiftLint runs every rule's triggering and non-triggering
/// examples.
public struct ValidatorExample: Sendable {
    /// Where the bytes come from.
    public enum Input: Sendable {
        /// UTF-8 text, written here.
        case text(String)
        /// Bytes made by code in the description (a generated image or sound).
        case bytes([UInt8])
        /// A file of the repository, by its path from the package root (`Tests/Corpora/...`).
        case file(String)
    }

    /// What the example is about, shown when it fails.
    public let title: String
    /// The file judged.
    public let input: Input
    /// The path it is submitted under, `CONTRIBUTOR/MODALITY/NAME` (the extension can matter).
    public let path: String
    /// `with:` lines for the stage (YAML, one option per line); empty for the defaults.
    public let options: [String]
    /// Files accepted before this one, in order, for a stateful stage's duplicate codes.
    public let earlier: [Input]
    /// Codes the finding (or the decision, for a stateful stage) must contain.
    public let gives: [String]
    /// Codes it must not contain; with `gives` empty and this empty, the example must give no
    /// reason at all (a clean file).
    public let doesNotGive: [String]

    /// An example; `path` defaults to a text file of contributor `alice`.
    public init(_ title: String, _ input: Input, path: String = "alice/text/example.txt", options: [String] = [],
                earlier: [Input] = [], gives: [String] = [], doesNotGive: [String] = []) {
        self.title = title
        self.input = input
        self.path = path
        self.options = options
        self.earlier = earlier
        self.gives = gives
        self.doesNotGive = doesNotGive
    }

    /// True for an example that must give no reason at all.
    public var isClean: Bool { gives.isEmpty && doesNotGive.isEmpty }
}
