@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// Intake under attack (issue 17): paths that try to leave the datanet, links that move files
/// between contributors, names that are not UTF-8 or too long, impossible times. Every file found
/// gets a verdict line; nothing outside the datanet is read.
@Suite struct HostileIntakeTests {
    static let unchecked = "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n"

    /// Creates a file whose path is given as raw bytes (relative to `folder`), folders included,
    /// one component at a time through directory descriptors (so the path may exceed PATH_MAX).
    static func writeRaw(_ folder: TemporaryFolder, _ components: [[UInt8]], contents: String) throws {
        var directory = open(folder.path, O_RDONLY | O_DIRECTORY)
        for (index, component) in components.enumerated() {
            let name = component.map { CChar(bitPattern: $0) } + [0]
            if index < components.count - 1 {
                _ = mkdirat(directory, name, 0o755)
                let next = openat(directory, name, O_RDONLY | O_DIRECTORY)
                close(directory)
                directory = next
            } else {
                let fd = openat(directory, name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                #expect(fd >= 0)
                _ = contents.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                close(directory)
            }
        }
    }

    @Test func aManifestRowThroughALinkedFolderStaysInside() throws {
        let folder = TemporaryFolder("manifest-link")
        try FileManager.default.createDirectory(atPath: folder.url("net"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url("net/root"), withDestinationPath: "/")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/ann/text/gpl.txt")
        try folder.write("net/submissions.csv", text: """
            path,contributor,modality,submitted_at
            root/etc/passwd,ann,text,2026-11-24T10:00:00Z
            ann/text/gpl.txt,ann,text,2026-11-24T10:01:00Z

            """)
        let config = try RunFixtures.config(Self.unchecked + "manifest: net/submissions.csv\n", in: folder)
        let run = try RunFixtures.run(config, roots: [], verdicts: folder.url("v.jsonl"))
        let passwd = try #require(run.1["root/etc/passwd"])
        #expect(RunFixtures.codes(passwd) == ["intake.symlink_escape"])
        #expect(passwd["sha256"] is NSNull, "never read")
        #expect(run.1["ann/text/gpl.txt"]?["verdict"] as? String == "accepted")
    }

    @Test func aLinkCannotMoveAFileBetweenContributors() throws {
        let folder = TemporaryFolder("link-credit")
        let original = try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/zed/text/orig.txt")
        try RunFixtures.touch(original, "2026-11-24T12:00:00Z")
        try FileManager.default.createDirectory(atPath: folder.url("net/aaron/text"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url("net/aaron/text/mine.txt"), withDestinationPath: "../../zed/text/orig.txt")
        let config = try RunFixtures.config(Self.unchecked + "limits: { quotas: false }\npipeline:\n  - use: text-dedup\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(RunFixtures.codes(run.1["aaron/text/mine.txt"]) == ["intake.symlink"])
        #expect(run.1["zed/text/orig.txt"]?["verdict"] as? String == "accepted")
    }

    @Test func everyNameGetsAVerdictLine() throws {
        let folder = TemporaryFolder("names")
        try folder.copy("/usr/share/common-licenses/BSD", to: "net/ann/text/good.txt")
        try Self.writeRaw(folder, [Array("net".utf8), Array("ann".utf8), Array("text".utf8), [0x62, 0x61, 0xFF, 0x64] + Array(".txt".utf8)],
                          contents: "a file whose name is not UTF-8\n")
        try Self.writeRaw(folder, [Array("net".utf8), [0x6A, 0xC3, 0x28], Array("text".utf8), Array("x.txt".utf8)],
                          contents: "a contributor whose name is not UTF-8\n")
        // Past the walked depth: 40 folders of 120 bytes. Past PATH_MAX within it: 25 of 200.
        var deepPath = ["net", "ann", "text"]
        for i in 0..<40 { deepPath.append(String(repeating: "d", count: 118) + String(format: "%02d", i)) }
        try Self.writeRaw(folder, (deepPath + ["deep.txt"]).map { Array($0.utf8) }, contents: "deep\n")
        var longPath = ["net", "bob", "text"]
        for i in 0..<25 { longPath.append(String(repeating: "l", count: 198) + String(format: "%02d", i)) }
        try Self.writeRaw(folder, (longPath + ["long.txt"]).map { Array($0.utf8) }, contents: "long\n")
        let config = try RunFixtures.config(Self.unchecked + "limits: { quotas: false }\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.0.found == 5)
        #expect(RunFixtures.codes(run.1["ann/text/ba\\xFFd.txt"]) == ["intake.bad_name"])
        #expect(RunFixtures.codes(run.1["j\\xC3(/text/x.txt"]) == ["intake.bad_name"])
        // Each is one refused entry named by the first folder past the bound.
        let deep = try #require(run.1.first { $0.key.hasPrefix("ann/text/d") })
        #expect(RunFixtures.codes(deep.value) == ["intake.too_deep"])
        #expect(deep.key.split(separator: "/").count == 33)
        let long = try #require(run.1.first { $0.key.hasPrefix("bob/text/l") })
        #expect(RunFixtures.codes(long.value) == ["intake.path_too_long"])
        #expect(run.1["ann/text/good.txt"]?["verdict"] as? String == "accepted")
    }

    @Test func canonicallyEquivalentNamesAreStillDistinctFilesUnderOneQuota() throws {
        let folder = TemporaryFolder("unicode")
        // 120 names: "cafe" followed by the 5! orderings of five combining marks. Swift's String ==
        // calls some of them equal; the ledger and the quotas must not.
        let marks: [Unicode.Scalar] = ["\u{0301}", "\u{0300}", "\u{0302}", "\u{0308}", "\u{0327}"]
        func orderings(_ items: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
            items.count <= 1 ? [items] : items.indices.flatMap { i in
                orderings(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
            }
        }
        for (i, order) in orderings(marks).enumerated() {
            var name = "cafe"
            name.unicodeScalars.append(contentsOf: order)
            let path = try folder.write("net/ann/text/\(name).txt", text: "document number \(i) with its own words\n")
            try RunFixtures.touch(path, "2026-11-24T10:00:00Z")
        }
        let config = try RunFixtures.config(Self.unchecked + "limits: { daily_files: 5 }\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.2.count == 120)
        #expect(run.0.total(.accepted) == 5)
        #expect(run.0.total(.refused) == 115)
    }

    @Test func impossibleTimesAreRefusedPerFile() throws {
        let folder = TemporaryFolder("times")
        try folder.copy("/usr/share/common-licenses/BSD", to: "net/ann/text/old.txt")
        try folder.copy("/usr/share/common-licenses/Artistic", to: "net/ann/text/ok.txt")
        try folder.write("net/submissions.csv", text: """
            path,contributor,modality,submitted_at
            ann/text/old.txt,ann,text,-0001-11-23T09:00:00Z
            ann/text/ok.txt,ann,text,2026-11-24T10:00:00Z

            """)
        let config = try RunFixtures.config(Self.unchecked + "manifest: net/submissions.csv\n", in: folder)
        for round in 0..<2 {
            let run = try RunFixtures.run(config, roots: [], verdicts: folder.url("v\(round).jsonl"))
            #expect(RunFixtures.codes(run.1["ann/text/old.txt"]) == ["intake.bad_time"])
            #expect(run.1["ann/text/ok.txt"]?["verdict"] as? String == "accepted")
        }
        // An mtime before 1970, in a folder run.
        let early = try folder.copy("/usr/share/common-licenses/BSD", to: "other/ann/text/early.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: -300_000_000)], ofItemAtPath: early)
        var folderConfig = try RunFixtures.config(Self.unchecked, in: folder)
        folderConfig.ledger = folder.url("other.sqlite")
        let run = try RunFixtures.run(folderConfig, root: folder.url("other"), verdicts: folder.url("o.jsonl"))
        #expect(RunFixtures.codes(run.1["ann/text/early.txt"]) == ["intake.bad_time"])
    }

    @Test func aStageOverItsCPUBudgetEndsInErrorAndIsRetriedOnlyUnderALargerBudget() throws {
        let folder = TemporaryFolder("budget")
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        var text = ""
        for name in licences { text += (try? String(contentsOfFile: "/usr/share/common-licenses/" + name, encoding: .utf8)) ?? "" }
        try folder.write("net/ann/text/big.txt", text: String(repeating: text, count: 3))
        let tight = try RunFixtures.config("version: 1\nmodalities: { text: {} }\nlimits: { quotas: false, stage_timeout: 1ms }\npipeline:\n  - use: text-quality\n", in: folder)
        let run = try RunFixtures.run(tight, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.1["ann/text/big.txt"]?["verdict"] as? String == "error")
        #expect(RunFixtures.codes(run.1["ann/text/big.txt"]) == ["stage.timeout"])
        // Under the same budget, options and bytes, the timeout stands: the file is not read again
        // (issue 26, item 3), unless --retry-errors asks for it.
        let again = try RunFixtures.run(tight, root: folder.url("net"), verdicts: folder.url("again.jsonl"))
        #expect(again.0.analyzed == 0)
        #expect(again.2 == run.2)
        var retry = RunRequest(roots: [folder.url("net")], jobs: 1, rejudge: false, verdicts: folder.url("retry.jsonl"), progress: false)
        retry.retryErrors = true
        let forced = try Runner(pipeline: Pipeline(config: tight, sniffer: BuiltinValidators.sniffer)).run(retry)
        #expect(forced.analyzed == 1)
        #expect(forced.total(.error) == 1)
        // The default budget is generous: the next run retries the file and judges it.
        let generous = try RunFixtures.config("version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-quality\n", in: folder)
        let retried = try RunFixtures.run(generous, root: folder.url("net"), verdicts: folder.url("w.jsonl"))
        #expect(retried.0.analyzed == 1)
        #expect(retried.1["ann/text/big.txt"]?["verdict"] as? String != "error")
    }

    /// A file that grew between discovery (where the daily limits counted 3 KB) and reading is
    /// not judged on bytes the limits never counted: it is refused for this run and judged again,
    /// at its new size, on the next.
    @Test func aFileThatGrewAfterTheLimitsWereDecidedIsNotJudgedOnTheNewBytes() throws {
        let folder = TemporaryFolder("grown")
        let path = try folder.write("net/ann/text/grown.txt", text: String(repeating: "Words of a document that grew. ", count: 100_000))
        let config = try RunFixtures.config(Self.unchecked + "limits: { daily_bytes: 1MB }\n", in: folder)
        let pipeline = Pipeline(config: config, sniffer: BuiltinValidators.sniffer)
        let real = try #require(FileStatus.realPath(folder.url("net")))
        // What discovery saw: 3 KB.
        let seen = Submission(root: real, path: "ann/text/grown.txt", absolutePath: path, contributor: "ann", modalityName: "text",
                              submittedAt: 1_700_000_000, bytes: 3_000, stat: "seen-before-it-grew")
        let work = FileWork(submission: seen, refusal: nil, stored: nil)
        let analysis = pipeline.analyzer(rejudge: false).analyze(work)
        #expect(analysis.sha256 == nil)
        let verdict = pipeline.decider().settle(work, analysis).verdict
        #expect(verdict.verdict == .refused)
        #expect(verdict.reasons.map(\.code) == ["intake.changed_while_read"])
        // The next run sees the real size, and the daily limit refuses it before reading.
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(RunFixtures.codes(run.1["ann/text/grown.txt"]) == ["quota.daily_bytes"])
        #expect(run.1["ann/text/grown.txt"]?["bytes"] as? Int == 3_100_000)
    }

    @Test func theReaderFollowsNoLinkOnThePath() throws {
        let folder = TemporaryFolder("swap")
        try folder.write("real/ann/text/a.txt", text: "hello\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url("swapped"), withDestinationPath: folder.url("real"))
        try FileManager.default.createSymbolicLink(atPath: folder.url("real/ann/text/b.txt"), withDestinationPath: "/etc/passwd")
        let reader = FileReader(maxFileBytes: 1 << 20)
        let base = try #require(FileStatus.realPath(folder.path))
        #expect(try reader.load(base + "/real/ann/text/a.txt") == Array("hello\n".utf8))
        for path in [base + "/swapped/ann/text/a.txt", base + "/real/ann/text/b.txt"] {
            do {
                _ = try reader.load(path)
                Issue.record("read \(path) through a link")
            } catch {
                guard case let .refused(code, _, _, _) = error else { continue }
                #expect(code == CoreReasons.symlink, "\(path)")
            }
        }
    }
}
