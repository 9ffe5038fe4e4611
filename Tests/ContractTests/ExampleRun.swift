import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation

/// Runs one ``ValidatorExample`` the way the engine would: the stage built from the example's
/// `with:` lines, each file sniffed by libmagic and analyzed, the earlier files admitted to a
/// stateful stage's index in order, then the example's file decided against them.
struct ExampleRun {
    /// What the stage made of the example's file: every reason (finding, then decision) and metric.
    struct Outcome: Codable, Equatable, Sendable {
        var example: String
        var reasons: [Reason]
        var metrics: [String: Double]
        var fingerprint: String?

        /// Equal when every field is, metrics compared bit for bit (a NaN metric equals itself).
        static func == (a: Outcome, b: Outcome) -> Bool {
            a.example == b.example && a.reasons == b.reasons && a.fingerprint == b.fingerprint
                && a.metrics.mapValues(\.bitPattern) == b.metrics.mapValues(\.bitPattern)
        }
    }

    let type: any Validator.Type
    let example: ValidatorExample

    /// The stage, its file and what it found.
    func run() throws -> Outcome {
        let yaml = example.options.joined(separator: "\n")
        let file = Locations.packageRoot + "/contract.yml"
        let node = try ConfigLoader.node(yaml: yaml, file: file)
        let stage = try type.makeStage(with: node, at: node ?? ConfigNode(plain: "contract", file: file))
        let index = DuplicateIndex(stage: stage.name)
        for (position, earlier) in example.earlier.enumerated() {
            let input = try Self.input(earlier, path: "earlier/\(position)-" + example.path, at: Int64(position))
            let finding = try stage.validator.analyze(input)
            if let fingerprint = finding.fingerprint {
                index.admit(input.submission.file, key: input.submission.key, fingerprint: fingerprint)
            }
        }
        let input = try Self.input(example.input, path: example.path, at: Int64(example.earlier.count))
        let finding: Finding
        do {
            finding = try stage.validator.analyze(input)
        } catch {
            // A stage's own failure is a reason of the verdict `error`, as the decider writes it.
            return Outcome(example: example.title, reasons: [Reason(code: error.code, stage: stage.name, message: error.message)],
                           metrics: [:], fingerprint: nil)
        }
        var reasons = finding.reasons
        var metrics = finding.metrics
        if let stateful = stage.stateful {
            let decision = stateful.decide(finding, of: Verdict(pending: input.submission), index: index)
            reasons += decision.reasons
            metrics.merge(decision.metrics) { _, new in new }
        }
        return Outcome(example: example.title, reasons: reasons, metrics: metrics,
                       fingerprint: finding.fingerprint.map { $0.encoded.map { String(format: "%02x", $0) }.joined() })
    }

    /// The bytes of `input` as a file submitted at `path` (CONTRIBUTOR/MODALITY/NAME), `at`
    /// seconds after the epoch, with the MIME type libmagic gives them.
    static func input(_ input: ValidatorExample.Input, path: String, at time: Int64) throws -> FileInput {
        let bytes: [UInt8]
        switch input {
        case let .text(text): bytes = Array(text.utf8)
        case let .bytes(given): bytes = given
        case let .file(relative): bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Locations.packageRoot + "/" + relative)))
        }
        let parts = path.split(separator: "/").map(String.init)
        let submission = Submission(root: "/contract", path: path, absolutePath: "/contract/" + path,
                                    contributor: parts.first ?? "alice", modalityName: parts.count > 1 ? parts[1] : "text",
                                    submittedAt: time, bytes: Int64(bytes.count))
        let mime = try BuiltinValidators.sniffer.sniff(bytes).type
        return FileInput(submission: submission, bytes: bytes, sha256: ContentHash.sha256(bytes), mime: mime)
    }
}
