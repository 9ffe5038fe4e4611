import AssayCore
import Foundation
import TextQuality

/// Real text for the tests: files Debian ships, man pages rendered by man-db, and copies the
/// tests make by editing them. Nothing here is synthetic beyond the edits each test describes.
enum RealText {
    /// Errors while preparing test input.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes of a file.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The text of a file (UTF-8).
    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// The decompressed text of a `.gz` file, through gzip.
    static func gunzip(_ path: String) throws -> String {
        String(decoding: try run(["gzip", "-dc", path]), as: UTF8.self)
    }

    /// A man page rendered to plain text with `man -P cat`, 80 columns, UTF-8.
    static func manPage(_ name: String) throws -> String {
        String(decoding: try run(["man", "-P", "cat", name], environment: ["MANWIDTH": "80", "LC_ALL": "C.UTF-8"]), as: UTF8.self)
    }

    /// Runs a program and returns its standard output; fails on a non-zero exit.
    static func run(_ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(errorText)")
        }
        return [UInt8](data)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-tq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The GPL version 3, a long real prose document.
    static func gpl3() throws -> String { try text("/usr/share/common-licenses/GPL-3") }

    /// Judges `text` with `stage`.
    static func judge(_ stage: TextQuality, _ text: String, markdown: Bool = false) -> Finding {
        stage.judge(Array(text.utf8), markdown: markdown)
    }

    /// A file input for `bytes` submitted at `path` (for `analyze`, which reads the path's extension).
    static func input(_ bytes: [UInt8], path: String, mime: String = "text/plain") -> FileInput {
        let submission = Submission(root: "/", path: path, absolutePath: "/nonexistent/" + path, contributor: "tester",
                                    modalityName: "text", submittedAt: 0, bytes: Int64(bytes.count))
        return FileInput(submission: submission, bytes: bytes, sha256: String(repeating: "0", count: 64), mime: mime)
    }

    /// Options with every heuristic rule off, so a test can switch on exactly one.
    static func noRules() -> TextQualityOptions {
        var options = TextQualityOptions()
        options.minWords = nil
        options.maxWords = nil
        options.minMeanWordLength = nil
        options.maxMeanWordLength = nil
        options.maxHashRatio = nil
        options.maxEllipsisRatio = nil
        options.maxBulletLines = nil
        options.maxEllipsisLines = nil
        options.minAlphaWords = nil
        options.minStopWords = nil
        options.maxDupLines = nil
        options.maxDupLineChars = nil
        options.maxDupParagraphs = nil
        options.maxDupParagraphChars = nil
        options.maxTop2gram = nil
        options.maxTop3gram = nil
        options.maxTop4gram = nil
        options.maxDup5gram = nil
        options.maxDup6gram = nil
        options.maxDup7gram = nil
        options.maxDup8gram = nil
        options.maxDup9gram = nil
        options.maxDup10gram = nil
        options.minTerminalPunctLines = nil
        options.maxShortLines = nil
        options.maxDupLineCharsFineweb = nil
        options.maxNewlineRatio = nil
        return options
    }

    /// A stage with only the rule `configure` switches on.
    static func only(_ configure: (inout TextQualityOptions) -> Void) throws -> TextQuality {
        var options = noRules()
        configure(&options)
        return try TextQuality(options: options)
    }

    /// The lines of `text` (split on LF, the last empty piece dropped).
    static func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Joins lines with LF, ending in LF.
    static func joined(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }
}

/// The boundary of one rule under a family of edits: `edit(k)` makes k edits to a real text,
/// and k* is the smallest k at which the stage gives `code`. The test then checks k* - 1 (just
/// inside: accepted) and k* (just outside: rejected with exactly `code`, the value past the limit).
struct Boundary {
    /// The edit count that first breaks the rule.
    let edits: Int
    /// The finding one edit before.
    let inside: Finding
    /// The finding at the boundary.
    let outside: Finding

    /// Searches k in 0...limit (exponential then binary search; both sides are checked again
    /// by the caller, so a non-monotone edit family fails the test instead of passing it).
    static func find(_ stage: TextQuality, code: String, upTo limit: Int, markdown: Bool = false,
                     _ edit: (Int) -> String) throws -> Boundary {
        func fails(_ k: Int) -> Bool {
            RealText.judge(stage, edit(k), markdown: markdown).reasons.contains { $0.code == code }
        }
        guard !fails(0) else { throw RealText.Failure(description: "\(code): the unedited text already fails") }
        var high = 1
        while high < limit, !fails(high) { high = min(high * 2, limit) }
        guard fails(high) else { throw RealText.Failure(description: "\(code): \(limit) edits never break the rule") }
        var low = high / 2  // passes (or 0)
        while high - low > 1 {
            let middle = (low + high) / 2
            if fails(middle) { high = middle } else { low = middle }
        }
        return Boundary(edits: high, inside: RealText.judge(stage, edit(high - 1), markdown: markdown),
                        outside: RealText.judge(stage, edit(high), markdown: markdown))
    }
}
