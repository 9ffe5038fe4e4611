import AssayCore
import AssayTestSupport
import Foundation
import ImageCheck

/// Paths, inputs and stage builders shared by the image-check tests.
enum Fixture {
    /// The package root.
    static let packageRoot = Locations.packageRoot

    /// PngSuite, in `Tests/Corpora/pngsuite`.
    static let pngSuite = Locations.corpora + "/pngsuite"

    /// Every PNG of PngSuite, sorted.
    static func pngSuiteFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: pngSuite).filter { $0.hasSuffix(".png") }.sorted()
    }

    /// A FileInput for the file at `path`, as intake would build it.
    static func input(_ path: String, name: String? = nil) throws -> FileInput {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let relative = "alice/image/" + (name ?? (path as NSString).lastPathComponent)
        let submission = Submission(root: "/", path: relative, absolutePath: path, contributor: "alice", modalityName: "image",
                                    submittedAt: 1_700_000_000, bytes: Int64(bytes.count))
        return FileInput(submission: submission, bytes: bytes, sha256: "", mime: "image/png")
    }

    /// Options that accept any valid PNG: only structural damage is rejected.
    static var permissive: ImageCheckOptions {
        var o = ImageCheckOptions()
        o.minWidth = 1
        o.minHeight = 1
        o.blankStddev = 0
        o.minBrightnessP99 = nil
        o.maxBrightnessP5 = nil
        o.minSharpness = nil
        o.maxEdgeWidth = nil
        o.minEntropy = nil
        o.exactDuplicates = false
        o.nearDuplicates = false
        return o
    }

    /// A stage with `options`.
    static func stage(_ options: ImageCheckOptions = ImageCheckOptions()) throws -> ImageCheck {
        try ImageCheck(options: options)
    }

    /// The judgement `decide` and `admit` receive for an input.
    static func judgement(_ input: FileInput) -> Verdict {
        Verdict(root: "/", path: input.submission.path, contributor: "alice", modality: "image", bytes: Int64(input.bytes.count),
                  sha256: nil, mime: "image/png", submittedAt: input.submission.submittedAt, verdict: .accepted,
                  reasons: [], metrics: [:], duplicateOf: nil)
    }
}

/// Real pictures and ImageMagick (`/usr/bin/convert`, by full path: PATH may hold wrappers) to
/// make the bad cases from them.
enum Magick {
    /// ImageMagick's own built-in pictures: a photograph of a rose, illustrations, a texture.
    static let builtIns = ["rose", "wizard", "logo", "granite", "netscape"]

    /// Runs convert with `arguments`; fails the test with its error output when it fails.
    static func convert(_ arguments: [String]) throws {
        let result = try Shell.run(["/usr/bin/convert"] + arguments)
        guard result.status == 0 else { throw ConvertFailed(arguments: arguments, stderr: result.stderr) }
    }

    /// The 256-px copy of `picture` (a built-in such as "rose", or a file path) written to `path`.
    @discardableResult
    static func original(_ picture: String, to path: String, size: Int = 256) throws -> String {
        let source = builtIns.contains(picture) ? picture + ":" : picture
        try convert([source, "-resize", "\(size)x\(size)", path])
        return path
    }

    /// The Adwaita theme's 512-px colour icons (illustrations of devices, places, files), sorted.
    static func adwaitaIllustrations() -> [String] { pngs(under: "/usr/share/icons/Adwaita/512x512") }

    /// Every PNG under `root`, sorted.
    static func pngs(under root: String) -> [String] {
        let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        return names.filter { $0.hasSuffix(".png") }.sorted().map { root + "/" + $0 }
    }

    struct ConvertFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let stderr: String
        var description: String { "convert \(arguments.joined(separator: " ")) failed: \(stderr)" }
    }
}

/// Runs analyze, then (when analyze passes) decide and admit, as the runner does.
struct StageRun {
    let stage: ImageCheck
    let index = DuplicateIndex(stage: ImageCheck.name)

    /// The reasons for `input`, and the earlier file it copies.
    func judge(_ input: FileInput) throws -> (codes: [String], duplicateOf: FileRef?, finding: Finding) {
        let finding = try stage.analyze(input)
        guard finding.reasons.isEmpty else { return (finding.reasons.map(\.code), nil, finding) }
        let judgement = Fixture.judgement(input)
        let decision = stage.decide(finding, of: judgement, index: index)
        if decision.reasons.isEmpty, let fingerprint = finding.fingerprint {
            index.admit(judgement, fingerprint: fingerprint)
        }
        return (decision.reasons.map(\.code), decision.duplicateOf, finding)
    }
}

extension Finding {
    /// The reason codes, in order.
    var codes: [String] { reasons.map(\.code) }
}
