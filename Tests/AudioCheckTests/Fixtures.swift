import AssayCore
import AssayTestSupport
import AudioCheck
import Foundation

/// Real files for the tests: the shared corpora, and files made at test time with sox, espeak-ng
/// and python3 in a temporary folder.
enum Fixtures {
    /// `Tests/Corpora` (ASSAY_CORPORA overrides it).
    static let corpora: URL = {
        if let path = ProcessInfo.processInfo.environment["ASSAY_CORPORA"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: Locations.corpora)
    }()

    /// A corpus file.
    static func corpus(_ relative: String) -> URL {
        corpora.appendingPathComponent(relative)
    }

    /// The files of a corpus folder with the given extension, sorted by name.
    static func corpusFiles(_ folder: String, ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// A FileInput as the runner would build it for `url` (path relative to its folder's parent).
    static func input(_ url: URL, path: String? = nil) throws -> FileInput {
        let bytes = [UInt8](try Data(contentsOf: url))
        let relative = path ?? url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        let submission = Submission(root: "/", path: relative, absolutePath: url.path, contributor: "tester", modalityName: "audio",
                                    submittedAt: 0, bytes: Int64(bytes.count))
        return FileInput(submission: submission, bytes: bytes, sha256: "", mime: "audio/x-wav")
    }

    /// A validator with the defaults changed by `change`.
    static func validator(_ change: (inout AudioCheckOptions) -> Void = { _ in }) throws -> AudioCheckValidator {
        var options = AudioCheckOptions()
        change(&options)
        return try AudioCheckValidator(options: options)
    }

    /// The judgement the runner would record for an accepted `input`.
    static func judgement(_ input: FileInput, _ finding: Finding) -> Verdict {
        Verdict(root: "/", path: input.submission.path, contributor: "tester", modality: "audio", bytes: Int64(input.bytes.count),
                  sha256: nil, mime: input.mime, submittedAt: 0, verdict: .accepted, reasons: finding.reasons,
                  metrics: finding.metrics, duplicateOf: nil)
    }
}

extension Finding {
    /// The reason codes, in order.
    var codes: [String] { reasons.map(\.code) }
}

/// A suite that judges files made from one espeak-ng sentence: `judge` runs the stage on a file
/// with the defaults changed by `configure`, as every such suite needs.
protocol SpeechSuite {
    /// Makes the files, in the suite's own temporary folder.
    var maker: SoundMaker { get }
    /// The sentence as a WAV file.
    var speech: URL { get }
}

extension SpeechSuite {
    /// The finding for `url` under the defaults changed by `configure`.
    func judge(_ url: URL, _ configure: (inout AudioCheckOptions) -> Void = { _ in }) throws -> Finding {
        try Fixtures.validator(configure).analyze(try Fixtures.input(url))
    }
}
