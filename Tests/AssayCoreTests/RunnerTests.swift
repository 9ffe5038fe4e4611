@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The engine end to end on real files: one verdict per file, resumable, thread-count independent.
@Suite struct RunnerTests {
    func datanet() throws -> TemporaryFolder {
        let folder = TemporaryFolder("datanet")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl3.txt")
        try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/alice/text/apache.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/bob/image/rgb.png")
        try folder.copy("/bin/ls", to: "net/bob/image/ls.png")
        try folder.copy("/usr/share/common-licenses/BSD", to: "net/bob/audio/notes.wav")
        try folder.copy(Locations.corpora + "/flac-valid/subset-60.flac", to: "net/carol/audio/mono.flac")
        try folder.write("net/carol/audio/empty.wav", bytes: [])
        try folder.write("net/carol/video/clip.txt", text: "x")
        return folder
    }

    @Test func everyFileGetsOneVerdictAndModalitiesStayApart() throws {
        let folder = try datanet()
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { quotas: false }\n", in: folder)
        let (summary, verdicts, _) = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(summary.found == 8 && verdicts.count == 8)
        #expect(verdicts["alice/text/gpl3.txt"]?["verdict"] as? String == "accepted")
        #expect(verdicts["bob/image/rgb.png"]?["mime"] as? String == "image/png")
        let elf = verdicts["bob/image/ls.png"]
        #expect(elf?["verdict"] as? String == "refused")
        #expect(RunFixtures.codes(elf) == ["intake.modality_mismatch"])
        #expect(((elf?["reasons"] as? [[String: Any]])?.first?["value"] as? String)?.hasPrefix("application/x-") == true)
        #expect(RunFixtures.codes(verdicts["bob/audio/notes.wav"]) == ["intake.modality_mismatch"])
        #expect(RunFixtures.codes(verdicts["carol/audio/empty.wav"]) == ["intake.empty"])
        #expect(RunFixtures.codes(verdicts["carol/video/clip.txt"]) == ["intake.unknown_modality"])
        #expect(verdicts["carol/audio/mono.flac"]?["mime"] as? String == "audio/flac")
        let sha = verdicts["alice/text/gpl3.txt"]?["sha256"] as? String
        #expect(sha == ContentHash.sha256([UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/GPL-3")))))
    }

    @Test func rerunJudgesOnlyNewOrChangedFiles() throws {
        let folder = try datanet()
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { quotas: false }\n", in: folder)
        let first = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        let second = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        // Nothing changed: nothing is read and nothing is decided again.
        #expect(second.0.analyzed == 0 && second.0.decided == 0)
        #expect(second.2 == first.2)
        try folder.write("net/alice/text/apache.txt", text: "changed content, now very short\n")
        try folder.copy("/usr/share/common-licenses/MPL-2.0", to: "net/alice/text/new.txt")
        let third = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("3.jsonl"))
        #expect(third.0.analyzed == 2 && third.0.found == 9)
        // Forced: every file that discovery did not refuse is read again (7 of 9).
        let forced = try RunFixtures.run(config, root: folder.url("net"), rejudge: true, verdicts: folder.url("4.jsonl"))
        #expect(forced.0.analyzed == 7 && forced.0.decided == 9)
        #expect(forced.2 == third.2)
        // A new read limit changes no stage's options: decide is replayed, no file is read.
        let changedConfig = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { quotas: false, max_file_bytes: 5MB }\n", in: folder)
        let refingerprinted = try RunFixtures.run(changedConfig, root: folder.url("net"), verdicts: folder.url("5.jsonl"))
        #expect(refingerprinted.0.analyzed == 0 && refingerprinted.0.decided == 9)
    }

    /// Without `walkFolders` a run stages only what `prepare` returns (as `assay serve` does
    /// between full walks): those files get the verdicts a walk gives them, every other file keeps
    /// its row (a file removed by hand is not taken as gone), and files nobody prepared wait for
    /// the next full walk.
    @Test func aRunThatDoesNotWalkJudgesOnlyThePreparedFiles() throws {
        let folder = try datanet()
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { quotas: false }\n", in: folder)
        let root = URL(fileURLWithPath: folder.url("net")).resolvingSymlinksInPath().path
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        try folder.copy("/usr/share/common-licenses/MPL-2.0", to: "net/alice/text/placed.txt")
        try folder.copy("/usr/share/common-licenses/LGPL-2.1", to: "net/dave/text/unprepared.txt")
        try FileManager.default.removeItem(atPath: folder.url("net/alice/text/apache.txt"))
        var request = RunRequest(roots: [folder.url("net")], jobs: 2, verdicts: folder.url("2.jsonl"), progress: false)
        request.walkFolders = false
        request.prepare = {
            [IntakeRecord(root: root, path: "alice/text/placed.txt", contributor: "alice", modality: "text", submittedAt: 1_900_000_000)]
        }
        let delta = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
        #expect(delta.analyzed == 1 && delta.found == 9)
        #expect(delta.changes.removed == 0 && delta.changes.added == 1)
        let lines = try String(contentsOfFile: folder.url("2.jsonl"), encoding: .utf8)
        #expect(lines.contains("\"alice/text/placed.txt\"") && lines.contains("\"alice/text/apache.txt\"") && !lines.contains("unprepared"))
        // The same file judged by a full walk gets the same verdict; the walk also sees the rest.
        let walked = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("3.jsonl"))
        #expect(walked.0.found == 9 && walked.0.changes.removed == 1 && walked.0.changes.added == 1)
        let placed = try #require(lines.split(separator: "\n").first { $0.contains("\"alice/text/placed.txt\"") })
        #expect(walked.2.contains(String(placed)))
        #expect(walked.1["dave/text/unprepared.txt"]?["verdict"] as? String == "accepted")
    }

    /// Duplicate indexes kept between runs (`assay serve`) give the verdicts a full load gives:
    /// a copy of a file judged in the run before is found through the kept index; a file removed
    /// by another process's run on the same ledger (its index generation moves) makes the next
    /// run load the index whole again.
    @Test func keptDuplicateIndexesGiveTheVerdictsOfAFullLoad() throws {
        let folder = TemporaryFolder("kept-index")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/alice/text/apache.txt")
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {}}\nlimits: { quotas: false }\npipeline:\n  - use: text-dedup\n", in: folder)
        let cache = DuplicateIndexCache()
        func run(_ name: String, cache: DuplicateIndexCache?, rejudge: Bool = false) throws -> [String: String] {
            var request = RunRequest(roots: [folder.url("net")], jobs: 2, rejudge: rejudge, verdicts: folder.url(name), progress: false)
            request.indexCache = cache
            _ = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
            var byPath: [String: String] = [:]
            for line in try String(contentsOfFile: folder.url(name), encoding: .utf8).split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let reasons = try JSONSerialization.data(withJSONObject: object["reasons"] ?? [], options: [.sortedKeys])
                byPath[try #require(object["path"] as? String)] = "\(object["verdict"] ?? "") " + String(decoding: reasons, as: UTF8.self)
            }
            return byPath
        }
        #expect(try run("1.jsonl", cache: cache).values.allSatisfy { $0.hasPrefix("accepted") })
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/bob/text/copy.txt")
        let second = try run("2.jsonl", cache: cache)
        #expect(cache.reuses == 1)
        #expect(second["bob/text/copy.txt"]?.contains("text.dup_exact") == true)
        // Another process removes alice's original: bob's copy is accepted in its run.
        try FileManager.default.removeItem(atPath: folder.url("net/alice/text/gpl.txt"))
        #expect(try run("3.jsonl", cache: nil)["bob/text/copy.txt"]?.hasPrefix("accepted") == true)
        // The kept index still holds alice's removed file: it must not be used.
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/carol/text/copy.txt")
        let fourth = try run("4.jsonl", cache: cache)
        #expect(cache.reuses == 1)
        #expect(fourth["carol/text/copy.txt"]?.contains("same text as bob") == true, "\(fourth)")
        // The same ledger loaded whole decides the same.
        #expect(try run("5.jsonl", cache: nil, rejudge: true) == fourth)
    }

    /// `--verify` does not trust an unchanged `stat`: it reads and hashes every file, decides
    /// everything again and reuses findings only where the content hash is the one recorded.
    @Test func verifyReHashesWhatTheStatSkipTrusts() throws {
        let folder = try datanet()
        let config = try RunFixtures.config("""
            version: 1
            modalities: {text: {}, image: {unchecked: true}, audio: {unchecked: true}}
            limits: { quotas: false }
            pipeline: [{use: text-quality}, {use: text-dedup}]
            """, in: folder)
        let first = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        let verified = try RunFixtures.run(config, root: folder.url("net"), verify: true, verdicts: folder.url("2.jsonl"))
        // Every file discovery did not refuse (6 of 8) is read again; all 8 are decided again.
        #expect(verified.0.analyzed == 6 && verified.0.decided == 8)
        #expect(verified.2 == first.2)
        // The ledger's record of a file no longer matches its bytes while its stat does (a restored
        // backup, a disk that rotted): a plain re-run trusts the stat, --verify reads the truth.
        let real = try #require(first.1["alice/text/gpl3.txt"]?["sha256"] as? String)
        let ledger = config.ledger
        _ = try Shell.run(["sqlite3", ledger, "UPDATE files SET sha256 = '\(String(repeating: "0", count: 64))' WHERE path = 'alice/text/gpl3.txt'"])
        let trusted = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("3.jsonl"))
        #expect(trusted.0.analyzed == 0 && trusted.1["alice/text/gpl3.txt"]?["sha256"] as? String == real)
        let stored = try Shell.run(["sqlite3", ledger, "SELECT sha256 FROM files WHERE path = 'alice/text/gpl3.txt'"])
        #expect(stored.stdout.hasPrefix("0000"))
        let reread = try RunFixtures.run(config, root: folder.url("net"), verify: true, verdicts: folder.url("4.jsonl"))
        #expect(reread.0.analyzed == 6)
        #expect(reread.2 == first.2)
        let fixed = try Shell.run(["sqlite3", ledger, "SELECT sha256 FROM files WHERE path = 'alice/text/gpl3.txt'"])
        #expect(fixed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == real)
    }

    @Test func vanishedFileIsRefusedAsUnreadable() throws {
        let reader = FileReader(maxFileBytes: 100)
        #expect(throws: FileReader.Failure.self) { try reader.load("/nonexistent/assay/file.txt") }
        do {
            _ = try reader.load("/nonexistent/assay/file.txt")
        } catch {
            guard case let .refused(code, message, _, _) = error else { return }
            #expect(code == CoreReasons.unreadable)
            #expect(message.contains("No such file"))
        }
    }

    @Test func oneAndTwoJobsGiveIdenticalVerdicts() throws {
        let folder = TemporaryFolder("jobs")
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        var n = 0
        for round in 0..<6 {
            for name in licences {
                n += 1
                let contributor = ["ann", "ben", "cid"][n % 3]
                let path = try folder.copy("/usr/share/common-licenses/" + name, to: "net/\(contributor)/text/\(round)-\(name).txt")
                try RunFixtures.touch(path, "2026-11-2\(round % 3)T1\(n % 10):00:00Z")
            }
            try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/ben/image/\(round).png")
        }
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { daily_files: 7 }\n", in: folder)
        var one = config
        one.ledger = folder.url("one.sqlite")
        var two = config
        two.ledger = folder.url("two.sqlite")
        let a = try RunFixtures.run(one, root: folder.url("net"), jobs: 1, verdicts: folder.url("one.jsonl"))
        let b = try RunFixtures.run(two, root: folder.url("net"), jobs: 2, verdicts: folder.url("two.jsonl"))
        #expect(a.2.count == n + 6)
        #expect(a.2 == b.2)
        #expect(a.0.total(.refused) > 0, "quotas make the order matter")
    }
}
