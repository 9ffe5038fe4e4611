@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
@testable import AssayReports
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The five ways a contributor paid in rank gamed the datanet (issue 25), each on real files and
/// real runs: backdating to steal credit, backdating to beat the daily limits, hard links, look-alike
/// names, and refused files that still cost a decode. Each test failed on the engine that dated
/// files by their mtime and decided limits after analysis.
@Suite struct GamingTests {
    static let licences = "/usr/share/common-licenses"
    static let dedup = "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-dedup\n"
    static let unchecked = "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n"

    /// `cp bob/text/b1.txt alice/text/stolen.txt; touch -d 2026-01-08 ...`: the copy is dated
    /// after the run that first saw bob's file, so bob keeps his verdict and alice's copy is his
    /// duplicate.
    @Test func aBackdatedCopyStealsNoCredit() throws {
        let folder = TemporaryFolder("steal")
        let original = try folder.copy(Self.licences + "/GPL-3", to: "net/bob/text/b1.txt")
        try RunFixtures.touch(original, "2026-11-24T10:00:00Z")
        try RunFixtures.touch(try folder.copy(Self.licences + "/Apache-2.0", to: "net/alice/text/a1.txt"), "2026-11-24T11:00:00Z")
        let config = try RunFixtures.config(Self.dedup, in: folder)
        let first = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        #expect(first.1["bob/text/b1.txt"]?["verdict"] as? String == "accepted")

        let stolen = try folder.copy(original, to: "net/alice/text/stolen.txt")
        try RunFixtures.touch(stolen, "2026-01-08T00:00:00Z")
        let second = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        #expect(second.1["alice/text/stolen.txt"]?["verdict"] as? String == "rejected")
        #expect(RunFixtures.codes(second.1["alice/text/stolen.txt"]) == ["text.dup_exact"])
        #expect(second.1["alice/text/stolen.txt"]?["duplicate_of"] as? String == "bob/text/b1.txt")
        #expect(second.0.witnessing.clamped == 1)
        // No other file's verdict moved, to the byte.
        let before = first.2.filter { !$0.contains("stolen.txt") }
        #expect(second.2.filter { !$0.contains("stolen.txt") } == before)

        // Touching the copy again, or bob's original, changes nothing either.
        try RunFixtures.touch(stolen, "2025-01-01T00:00:00Z")
        try RunFixtures.touch(original, "2020-01-01T00:00:00Z")
        let third = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("3.jsonl"))
        #expect(third.2 == second.2)
        #expect(third.0.witnessing.confirmed == 2, "both were read before: their bytes confirm them")
        #expect(third.0.witnessing.resubmitted == 0)
    }

    /// Files refused by `daily_files`, then backdated to closed days, stay refused, and new files
    /// with old mtimes are dated after the last walk: no closed day's quota is reused.
    @Test func backdatingGainsNoQuota() throws {
        let folder = TemporaryFolder("backdate-quota")
        let texts = ["GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-2.1", "GFDL-1.3"]
        for (i, name) in texts.prefix(3).enumerated() { try folder.copy(Self.licences + "/" + name, to: "net/ann/text/a\(i + 1).txt") }
        let config = try RunFixtures.config(Self.unchecked + "limits: { daily_files: 1 }\n", in: folder)
        let first = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        let accepted = first.1.filter { $0.value["verdict"] as? String == "accepted" }.map(\.key)
        #expect(accepted.count == 1)
        #expect(first.0.witnessing.unwitnessed == 3, "a first run trusts mtimes, and says so")

        var day = 1
        for path in first.1.keys where !accepted.contains(path) {
            try RunFixtures.touch(folder.url("net/" + path), "2001-01-0\(day)T00:00:00Z")
            day += 1
        }
        for (i, name) in texts.suffix(2).enumerated() {
            try RunFixtures.touch(try folder.copy(Self.licences + "/" + name, to: "net/ann/text/b\(i + 1).txt"), "2001-02-0\(i + 1)T00:00:00Z")
        }
        let second = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        #expect(second.1.filter { $0.value["verdict"] as? String == "accepted" }.map(\.key) == accepted)
        for (path, verdict) in second.1 where !accepted.contains(path) {
            #expect(RunFixtures.codes(verdict) == ["quota.daily_files"], "\(path)")
            #expect((verdict["submitted_at"] as? String)?.hasPrefix("2001") == false, "\(path) kept its backdated time")
        }
        #expect(second.0.witnessing.clamped == 2)
        #expect(second.0.witnessing.resubmitted == 2, "refused files were never read: a touch makes them new submissions")
        #expect(second.1[accepted[0]]?["submitted_at"] as? String == first.1[accepted[0]]?["submitted_at"] as? String)
    }

    /// `ln bob/text/work.txt aaron/text/mine.txt`: a link cannot move a file to another
    /// contributor; within one contributor it is an ordinary exact copy.
    @Test func aHardLinkMovesNoFileBetweenContributors() throws {
        let folder = TemporaryFolder("hardlink")
        let work = try folder.copy(Self.licences + "/GPL-3", to: "net/bob/text/work.txt")
        try RunFixtures.touch(work, "2026-11-24T10:00:00Z")
        let config = try RunFixtures.config(Self.dedup, in: folder)
        let first = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        #expect(first.1["bob/text/work.txt"]?["verdict"] as? String == "accepted")

        try FileManager.default.createDirectory(atPath: folder.url("net/aaron/text"), withIntermediateDirectories: true)
        try FileManager.default.linkItem(atPath: work, toPath: folder.url("net/aaron/text/mine.txt"))
        try FileManager.default.linkItem(atPath: work, toPath: folder.url("net/bob/text/again.txt"))
        let second = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        let mine = second.1["aaron/text/mine.txt"]
        #expect(mine?["verdict"] as? String == "refused")
        #expect(RunFixtures.codes(mine) == ["intake.hardlink"])
        #expect(((mine?["reasons"] as? [[String: Any]])?.first?["value"] as? String) == "bob/text/work.txt")
        #expect(RunFixtures.codes(second.1["bob/text/again.txt"]) == ["text.dup_exact"])
        #expect(second.2.first { $0.contains("\"bob/text/work.txt\"") } == first.2.first)

        // Linked before any run walked them, at the same mtime: nobody can claim the file.
        let tied = TemporaryFolder("hardlink-tie")
        let shared = try tied.copy(Self.licences + "/Apache-2.0", to: "net/carol/text/x.txt")
        try FileManager.default.createDirectory(atPath: tied.url("net/dave/text"), withIntermediateDirectories: true)
        try FileManager.default.linkItem(atPath: shared, toPath: tied.url("net/dave/text/y.txt"))
        let both = try RunFixtures.run(try RunFixtures.config(Self.dedup, in: tied), root: tied.url("net"), verdicts: tied.url("v.jsonl"))
        #expect(RunFixtures.codes(both.1["carol/text/x.txt"]) == ["intake.hardlink"])
        #expect(RunFixtures.codes(both.1["dave/text/y.txt"]) == ["intake.hardlink"])
    }

    /// `alice`, `Alice`, `ALICE`, `аlice` (Cyrillic а), fullwidth `ａｌｉｃｅ` and `alice` with a
    /// zero-width space: one person, one quota.
    @Test func lookAlikeNamesShareOneQuota() throws {
        let folder = TemporaryFolder("lookalike")
        let names = ["alice", "Alice", "ALICE", "\u{430}lice", "\u{FF41}\u{FF4C}\u{FF49}\u{FF43}\u{FF45}", "alice\u{200B}"]
        let texts = ["GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-2.1", "GFDL-1.3", "Artistic", "BSD", "GPL-2", "LGPL-3", "CC0-1.0", "GFDL-1.2", "LGPL-2"]
        for (n, name) in names.enumerated() {
            for i in 0..<2 {
                let path = try folder.copy(Self.licences + "/" + texts[(n * 2 + i) % texts.count], to: "net/\(name)/text/f\(i).txt")
                try RunFixtures.touch(path, String(format: "2026-11-24T%02d:%02d:00Z", 8 + n, i))
            }
        }
        let config = try RunFixtures.config(Self.unchecked + "limits: { daily_files: 2 }\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        let accepted = run.1.filter { $0.value["verdict"] as? String == "accepted" }.map(\.key).sorted()
        #expect(accepted == ["alice/text/f0.txt", "alice/text/f1.txt"])
        for name in names.dropFirst() {
            let verdict = run.1["\(name)/text/f0.txt"]
            let expected = name.hasSuffix("\u{200B}") ? "intake.bad_contributor" : "intake.contributor_lookalike"
            #expect(RunFixtures.codes(verdict) == [expected], "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            if expected == "intake.contributor_lookalike" {
                #expect((verdict?["reasons"] as? [[String: Any]])?.first?["limit"] as? String == "alice")
            }
        }
    }

    /// The first to use a name keeps it for good: when alice's only file is resubmitted (new
    /// bytes, a later time), `Alice`, refused as her look-alike a run before, does not take the
    /// name over; and a fresh ledger given the intake record agrees.
    @Test func aLookAlikeCannotTakeANameOverLater() throws {
        let folder = TemporaryFolder("name-takeover")
        let mine = try folder.copy(Self.licences + "/GPL-3", to: "net/alice/text/mine.txt")
        let config = try RunFixtures.config(Self.unchecked + "limits: { quotas: false }\n", in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        try folder.copy(Self.licences + "/Apache-2.0", to: "net/Alice/text/theirs.txt")
        let second = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        #expect(RunFixtures.codes(second.1["Alice/text/theirs.txt"]) == ["intake.contributor_lookalike"])
        // alice replaces her file: a new submission, dated after Alice's.
        try Data(contentsOf: URL(fileURLWithPath: Self.licences + "/MPL-2.0")).write(to: URL(fileURLWithPath: mine))
        let third = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("3.jsonl"))
        #expect(third.1["alice/text/mine.txt"]?["verdict"] as? String == "accepted")
        #expect(RunFixtures.codes(third.1["Alice/text/theirs.txt"]) == ["intake.contributor_lookalike"])
        var fresh = config
        fresh.ledger = folder.url("fresh.sqlite")
        let replayed = try RunFixtures.run(fresh, root: folder.url("net"), intake: try RunFixtures.intake(of: config.ledger),
                                           verdicts: folder.url("fresh.jsonl"))
        #expect(replayed.2 == third.2)
    }

    /// `rank` and the report flag a contributor whose decided files are mostly rejected copies
    /// of other contributors' files, without changing any verdict or score.
    @Test func mostlyCopiesOfOthersIsFlaggedNotScored() throws {
        let folder = TemporaryFolder("copies")
        let texts = ["GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-2.1"]
        for (i, name) in texts.enumerated() {
            try RunFixtures.touch(try folder.copy(Self.licences + "/" + name, to: "net/bob/text/\(i).txt"), "2026-11-24T08:0\(i):00Z")
        }
        for (i, name) in texts.prefix(3).enumerated() {
            try RunFixtures.touch(try folder.copy(Self.licences + "/" + name, to: "net/bobby/text/\(i).txt"), "2026-11-24T09:0\(i):00Z")
        }
        try RunFixtures.touch(try folder.copy(Self.licences + "/GFDL-1.3", to: "net/bobby/text/own.txt"), "2026-11-24T09:10:00Z")
        // bob copies himself once: a copy of one's own file is no sign of a second name.
        try RunFixtures.touch(try folder.copy(Self.licences + "/GPL-3", to: "net/bob/text/again.txt"), "2026-11-24T08:30:00Z")
        let config = try RunFixtures.config(Self.dedup, in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        let tallies = try Ledger(path: config.ledger, readOnly: true).tallies()
        let bob = try #require(tallies.first { $0.contributor == "bob" })
        let bobby = try #require(tallies.first { $0.contributor == "bobby" })
        #expect(bob.copiesOfOthers == 0 && !bob.mostlyCopiesOfOthers)
        #expect(bobby.copiesOfOthers == 3 && bobby.accepted == 1 && bobby.mostlyCopiesOfOthers)
        #expect(RankingMethod.wilson(z: 1.96).score(accepted: 1, rejected: 3) == Ranker().rank([bobby]).first?.score)
        let html = HTMLReport.render(try ReportBuilder().build(from: Ledger(path: config.ledger, readOnly: true), runID: nil))
        #expect(html.contains("Mostly copies of other contributors' files: bobby (3 of 4)"))
    }

    /// Limits are decided before reading: refused files are never read, sniffed or decoded, and
    /// cost the ledger a few hundred bytes each.
    @Test func refusedFilesAreNeverRead() throws {
        let folder = TemporaryFolder("never-read")
        let flacs = ["subset-23.flac", "subset-38.flac", "subset-39.flac", "subset-40.flac"]
        for (i, name) in flacs.enumerated() {
            try RunFixtures.touch(try folder.copy(Locations.corpora + "/flac-valid/" + name, to: "net/dan/audio/\(i).flac"),
                                  "2026-11-24T10:0\(i):00Z")
        }
        let config = try RunFixtures.config("version: 1\nmodalities: { audio: {} }\nlimits: { daily_files: 1 }\npipeline:\n  - use: audio-check\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.0.analyzed == 1, "only the admitted file is read")
        for i in 1..<flacs.count {
            let verdict = run.1["dan/audio/\(i).flac"]
            #expect(RunFixtures.codes(verdict) == ["quota.daily_files"])
            #expect(verdict?["sha256"] is NSNull && verdict?["mime"] is NSNull, "never read")
        }
        // Rerunning reads nothing at all.
        #expect(try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("w.jsonl")).0.analyzed == 0)
    }

    /// 2,000 one-byte files past `daily_files: 3` (the issue measured about 4 KB each).
    @Test func aRefusedFileCostsTheLedgerAFewHundredBytes() throws {
        let folder = TemporaryFolder("refused-bytes")
        for i in 0..<3 { try folder.write("net/eve/text/f\(i).txt", bytes: [0x78]) }
        let config = try RunFixtures.config(Self.unchecked + "limits: { daily_files: 3 }\n", in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("1.jsonl"))
        let before = try Self.usedBytes(config.ledger)
        for i in 3..<2_003 { try folder.write("net/eve/text/f\(i).txt", bytes: [0x78]) }
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("2.jsonl"))
        #expect(run.0.total(.refused) == 2_000)
        let perFile = (try Self.usedBytes(config.ledger) - before) / 2_000
        print("ledger bytes per refused file: \(perFile)")
        // Measured 473 bytes with paths of 20 bytes: the row (its absolute path not stored twice,
        // the limit's reason as `code TAB value TAB limit TAB message`), its two indexes and a
        // verdict row without a line (rebuilt from the file's row).
        #expect(perFile < 500)
    }

    /// Bytes in the SQLite ledger's pages that hold data (free pages, such as the run's staging
    /// space once emptied, are left out).
    static func usedBytes(_ ledger: String) throws -> Int {
        try Ledger(path: ledger, readOnly: true).read("measure") { db in
            let pages: Int = try require(try db.fetchOne("PRAGMA page_count")?[0])
            let free: Int = try require(try db.fetchOne("PRAGMA freelist_count")?[0])
            let size: Int = try require(try db.fetchOne("PRAGMA page_size")?[0])
            return (pages - free) * size
        }
    }

    /// The datanet's own cap, decided in the same ordered pass as the contributors' limits.
    @Test func theDatanetsDailyCapCountsEveryContributor() throws {
        let folder = TemporaryFolder("datanet-cap")
        let licence = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.licences + "/GPL-3")))
        for (name, kb, hour) in [("ann", 15, 8), ("ben", 10, 9), ("cid", 4, 10)] {
            let path = try folder.write("net/\(name)/text/t.txt", bytes: Array(licence.prefix(kb * 1000)))
            try RunFixtures.touch(path, String(format: "2026-11-24T%02d:00:00Z", hour))
        }
        let config = try RunFixtures.config(Self.unchecked + "limits: { datanet_daily_bytes: 20KB }\n", in: folder)
        let run = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.1["ann/text/t.txt"]?["verdict"] as? String == "accepted")
        #expect(RunFixtures.codes(run.1["ben/text/t.txt"]) == ["quota.datanet_daily_bytes"])
        #expect(run.1["cid/text/t.txt"]?["verdict"] as? String == "accepted", "15 KB + 4 KB fits")
    }

    /// A curator's intake file is checked, row by row, before any ledger is touched.
    @Test func aBadIntakeFileNamesItsLine() throws {
        let folder = TemporaryFolder("intake-file")
        let file = try folder.write("intake.csv", text: "root,path,contributor,modality,submitted_at\n/data,ann/text/a.txt,ann,text,2026-11-24T10:00:00Z\n/data,ann/text/b.txt,ann,text,yesterday\n")
        #expect(throws: IntakeRecord.ReadError.self) { try IntakeRecord.read(file) }
        do {
            _ = try IntakeRecord.read(file)
        } catch {
            #expect(error.message.hasPrefix("\(file):3: 'submitted_at'"))
        }
        let escaping = try folder.write("escape.csv", text: "root,path,submitted_at\n/data,../etc/passwd,2026-11-24T10:00:00Z\n")
        #expect(throws: IntakeRecord.ReadError.self) { try IntakeRecord.read(escaping) }
        let good = IntakeRecord(root: "/data", path: "ann/text/a, \"b\".txt", contributor: "ann", modality: "text", submittedAt: 1_796_000_000)
        let written = try folder.write("good.csv", text: IntakeRecord.header.joined(separator: ",") + "\n" + good.line + "\n")
        #expect(try IntakeRecord.read(written) == [good])
    }
}
