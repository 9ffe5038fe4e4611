@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// A verdict is a pure function of (files, config): whatever runs, config changes and file
/// changes came before, the ledger's verdicts equal one fresh run with the final config over the
/// final files. Every test compares an incremental ledger with a fresh one, byte for byte.
///
/// This is also the shared ledger suite: each scenario keeps its ledger on SQLite and on
/// PostgreSQL (`backend`), and the fresh ledger it must equal is always SQLite.
@Suite struct PureVerdictTests {
    static let licences = "/usr/share/common-licenses"
    static let pngs = ["basn2c08", "basi2c08", "basn0g08", "basi0g08", "basn6a08", "basn3p08", "bgwn6a08", "f00n2c08"]
        .map { Locations.corpora + "/pngsuite/\($0).png" }
    static let sounds = [Locations.corpora + "/flac-valid/subset-23.flac", Locations.corpora + "/wav-hound/pcmwaveformat-16bit-44100Hz-mono.wav"]
    static let texts = ["GPL-3", "GPL", "LGPL-2.1", "Apache-2.0", "MPL-2.0", "BSD", "Artistic", "GFDL-1.3", "GFDL"].map { licences + "/" + $0 }

    /// The full pipeline with one option changed per variant.
    static let variants: [String] = [
        "limits: { daily_files: 4 }\n",
        "limits: { quotas: false }\n",
        "limits: { daily_files: 4, daily_bytes: 60KB }\n",
        "limits: { daily_files: 4 }\ntext_quality: { min_words: 3000 }\n",
        "limits: { daily_files: 4 }\ntext_dedup: { threshold: 0.3 }\n",
        "limits: { daily_files: 4 }\nimage_check: { near_dup_distance: 0 }\n",
    ]

    /// A config: every built-in stage, `variant` setting limits and one stage's options.
    static func config(_ variant: String, in folder: TemporaryFolder, ledger: String) throws -> AssayConfig {
        var limits = ""
        var options: [String: String] = [:]
        for line in variant.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts[0] == "limits" { limits = "limits: \(parts[1])\n" } else { options[parts[0].replacingOccurrences(of: "_", with: "-")] = parts[1] }
        }
        var yaml = "version: 1\n" + limits + "pipeline:\n"
        for stage in ["text-quality", "text-dedup", "image-check", "audio-check"] {
            yaml += "  - use: \(stage)\n" + (options[stage].map { "    with: \($0)\n" } ?? "")
        }
        var config = try RunFixtures.config(yaml, in: folder)
        config.ledger = ledger
        return config
    }

    /// Runs on the kept ledger (`keptLedger`, any backend) and on a fresh SQLite one; returns
    /// both verdict files' text.
    static func compare(_ variant: String, roots: [String], in folder: TemporaryFolder, step: Int,
                        keptLedger: String) throws -> (kept: String, fresh: String) {
        let kept = try config(variant, in: folder, ledger: keptLedger)
        let fresh = try config(variant, in: folder, ledger: folder.url("fresh-\(step).sqlite"))
        _ = try RunFixtures.run(kept, roots: roots, verdicts: folder.url("kept-\(step).jsonl"))
        // Verdicts are a pure function of the files, their intake record and the config.
        _ = try RunFixtures.run(fresh, roots: roots, intake: try RunFixtures.intake(of: keptLedger), verdicts: folder.url("fresh-\(step).jsonl"))
        return (try String(contentsOfFile: folder.url("kept-\(step).jsonl"), encoding: .utf8),
                try String(contentsOfFile: folder.url("fresh-\(step).jsonl"), encoding: .utf8))
    }

    @discardableResult
    static func place(_ source: String, as relative: String, at time: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.url(relative)
        try? FileManager.default.removeItem(atPath: path)
        try folder.copy(source, to: relative)
        try RunFixtures.touch(path, time)
        return path
    }

    @Test func twoFoldersWithTheSameRelativePathAreTwoFiles() throws {
        let folder = TemporaryFolder("identity")
        try Self.place(Self.licences + "/GPL-3", as: "a/alice/text/doc.txt", at: "2026-11-24T10:00:00Z", in: folder)
        try Self.place(Self.licences + "/Apache-2.0", as: "b/alice/text/doc.txt", at: "2026-11-24T11:00:00Z", in: folder)
        let config = try Self.config(Self.variants[0], in: folder, ledger: folder.url("l.sqlite"))
        let both = try RunFixtures.run(config, roots: [folder.url("a"), folder.url("b")], verdicts: folder.url("both.jsonl"))
        #expect(both.0.found == 2)
        let verdicts = try both.2.map { try JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
        let roots = [folder.url("a"), folder.url("b")].map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        #expect(Set(verdicts.map(\.root)) == Set(roots))
        #expect(verdicts.allSatisfy { $0.path == "alice/text/doc.txt" && $0.verdict == .accepted })
        #expect(Set(verdicts.compactMap(\.sha256)).count == 2)
        // Running b alone later neither overwrites nor forgets a's verdict.
        let again = try RunFixtures.run(config, roots: [folder.url("b")], verdicts: folder.url("b.jsonl"))
        #expect(again.2 == both.2)
    }

    @Test(arguments: LedgerBackend.allCases)
    func aConfigChangeGivesTheVerdictsOfAFreshLedger(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("config-change")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        // Copies submitted after their originals, and one original submitted after its copy.
        var time = 0
        func next() -> String {
            time += 1
            return String(format: "2026-11-24T%02d:%02d:00Z", 8 + time / 60, time % 60)
        }
        for (i, text) in Self.texts.enumerated() { try Self.place(text, as: "net/c\(i % 3)/text/\(i).txt", at: next(), in: folder) }
        for (i, png) in Self.pngs.enumerated() { try Self.place(png, as: "net/c\(i % 3)/image/\(i).png", at: next(), in: folder) }
        for (i, sound) in Self.sounds.enumerated() { try Self.place(sound, as: "net/c\(i % 3)/audio/\(i)\((sound as NSString).pathExtension)", at: next(), in: folder) }
        for (step, variant) in (Self.variants + Self.variants.reversed()).enumerated() {
            let (kept, fresh) = try Self.compare(variant, roots: [folder.url("net")], in: folder, step: step, keptLedger: ledger)
            #expect(kept == fresh, "after switching to: \(variant)")
        }
    }

    @Test(arguments: LedgerBackend.allCases)
    func contentReplacedUnderTheSamePathsGivesTheVerdictsOfAFreshLedger(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("content-change")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        try Self.place(Self.pngs[0], as: "net/ann/image/early.png", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.pngs[2], as: "net/ben/image/late.png", at: "2026-11-24T09:00:00Z", in: folder)
        try Self.place(Self.texts[0], as: "net/ann/text/early.txt", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.texts[3], as: "net/ben/text/late.txt", at: "2026-11-24T09:00:00Z", in: folder)
        let first = try Self.compare(Self.variants[1], roots: [folder.url("net")], in: folder, step: 0, keptLedger: ledger)
        #expect(first.kept == first.fresh)
        // The later path now holds what the earlier one held, and the earlier one something new:
        // the later file is a copy of nothing that is still there.
        try Self.place(Self.pngs[0], as: "net/ben/image/late.png", at: "2026-11-24T09:00:00Z", in: folder)
        try Self.place(Self.pngs[4], as: "net/ann/image/early.png", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.texts[0], as: "net/ben/text/late.txt", at: "2026-11-24T09:00:00Z", in: folder)
        try Self.place(Self.texts[4], as: "net/ann/text/early.txt", at: "2026-11-24T08:00:00Z", in: folder)
        let second = try Self.compare(Self.variants[1], roots: [folder.url("net")], in: folder, step: 1, keptLedger: ledger)
        #expect(second.kept == second.fresh)
        #expect(!second.kept.contains("dup_exact"))
    }

    /// Random sequences of (add files, change one option, remove files, rerun) on a small real
    /// datanet; after each step the kept ledger equals a fresh run. Seeded, so a failure repeats.
    @Test(arguments: [(11, .sqlite), (23, .sqlite), (42, .sqlite), (77, .sqlite), (101, .sqlite), (23, .postgres), (77, .postgres)]
          as [(UInt64, LedgerBackend)])
    func randomHistoriesEqualAFreshRun(seed: UInt64, backend: LedgerBackend) throws {
        let folder = TemporaryFolder("history-\(seed)")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        var random = SplitMix64(seed: seed)
        let pool: [(source: String, modality: String, ext: String)] =
            Self.texts.map { ($0, "text", "txt") } + Self.pngs.map { ($0, "image", "png") } + Self.sounds.map { ($0, "audio", ($0 as NSString).pathExtension) }
        var placed: [String] = []
        var variant = Self.variants[0]
        func time() -> String { String(format: "2026-11-%02dT%02d:%02d:00Z", 24 + random.next(2), random.next(24), random.next(60)) }
        for _ in 0..<12 {
            let item = pool[random.next(pool.count)]
            placed.append("net/c\(random.next(3))/\(item.modality)/f\(placed.count).\(item.ext)")
            try Self.place(item.source, as: placed[placed.count - 1], at: time(), in: folder)
        }
        for step in 0..<14 {
            switch random.next(4) {
            case 0:
                for _ in 0..<(1 + random.next(3)) {
                    let item = pool[random.next(pool.count)]
                    placed.append("net/c\(random.next(3))/\(item.modality)/f\(placed.count).\(item.ext)")
                    try Self.place(item.source, as: placed[placed.count - 1], at: time(), in: folder)
                }
            case 1:
                variant = Self.variants[random.next(Self.variants.count)]
            case 2 where placed.count > 4:
                let gone = placed.remove(at: random.next(placed.count))
                try FileManager.default.removeItem(atPath: folder.url(gone))
            default:
                // Same path, other content of the same modality, maybe another time.
                let at = random.next(placed.count)
                let modality = placed[at].split(separator: "/")[2]
                let same = pool.filter { $0.modality == modality }
                try Self.place(same[random.next(same.count)].source, as: placed[at], at: time(), in: folder)
            }
            let (kept, fresh) = try Self.compare(variant, roots: [folder.url("net")], in: folder, step: step, keptLedger: ledger)
            #expect(kept == fresh, "seed \(seed), step \(step), config \(variant)")
            if kept != fresh { break }
        }
    }

    @Test(arguments: LedgerBackend.allCases)
    func removingAnOriginalMakesItsLaterCopyTheOriginal(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("removed")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        try Self.place(Self.texts[0], as: "net/ann/text/original.txt", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.texts[0], as: "net/ben/text/copy.txt", at: "2026-11-24T09:00:00Z", in: folder)
        let first = try Self.compare(Self.variants[1], roots: [folder.url("net")], in: folder, step: 0, keptLedger: ledger)
        #expect(first.kept.contains("text.dup_exact"))
        try FileManager.default.removeItem(atPath: folder.url("net/ann/text/original.txt"))
        let second = try Self.compare(Self.variants[1], roots: [folder.url("net")], in: folder, step: 1, keptLedger: ledger)
        #expect(second.kept == second.fresh)
        #expect(!second.kept.contains("text.dup_exact") && second.kept.contains("\"verdict\":\"accepted\""))
    }

    @Test(arguments: LedgerBackend.allCases)
    func aMissingFolderKeepsItsVerdictsUntilForgotten(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("missing")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        try Self.place(Self.texts[0], as: "a/ann/text/gpl.txt", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.texts[3], as: "b/ben/text/apache.txt", at: "2026-11-24T09:00:00Z", in: folder)
        let config = try Self.config(Self.variants[1], in: folder, ledger: ledger)
        let both = try RunFixtures.run(config, roots: [folder.url("a"), folder.url("b")], verdicts: folder.url("1.jsonl"))
        // b is unmounted: its file is not taken for deleted.
        try FileManager.default.moveItem(atPath: folder.url("b"), toPath: folder.url("b-away"))
        let away = try RunFixtures.run(config, roots: [], verdicts: folder.url("2.jsonl"))
        #expect(away.2 == both.2)
        #expect(away.0.vanishedSources.count == 1)
        // Forgotten: gone from the ledger, as in a fresh run over a alone.
        var request = RunRequest(roots: [], jobs: 2, verdicts: folder.url("3.jsonl"), progress: false)
        request.forget = [folder.url("b")]
        _ = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
        let forgotten = try String(contentsOfFile: folder.url("3.jsonl"), encoding: .utf8)
        #expect(!forgotten.contains("apache") && forgotten.contains("gpl.txt"))
    }

    @Test(arguments: LedgerBackend.allCases)
    func switchingToAManifestMakesTheManifestTheDatanet(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("to-manifest")
        guard let ledger = try TestLedger.address(backend, in: folder) else { return }
        try Self.place(Self.texts[0], as: "net/ann/text/gpl.txt", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.texts[3], as: "net/ben/text/apache.txt", at: "2026-11-24T09:00:00Z", in: folder)
        let kept = try Self.config(Self.variants[1], in: folder, ledger: ledger)
        _ = try RunFixtures.run(kept, roots: [folder.url("net")], verdicts: folder.url("1.jsonl"))
        try folder.write("net/m.csv", text: "path,contributor,modality,submitted_at\nann/text/gpl.txt,zoe,text,2026-11-20T10:00:00Z\n")
        var manifest = kept
        manifest.manifest = folder.url("net/m.csv")
        let incremental = try RunFixtures.run(manifest, roots: [], verdicts: folder.url("2.jsonl"))
        var freshConfig = manifest
        freshConfig.ledger = folder.url("fresh.sqlite")
        let fresh = try RunFixtures.run(freshConfig, roots: [], verdicts: folder.url("3.jsonl"))
        #expect(incremental.2 == fresh.2)
        #expect(incremental.2.count == 1 && incremental.2[0].contains("\"contributor\":\"zoe\""))
    }

    @Test func aDatanetTakesOnlyTheModalitiesItLists() throws {
        let folder = TemporaryFolder("closed")
        try Self.place(Self.texts[0], as: "net/ann/text/gpl.txt", at: "2026-11-24T08:00:00Z", in: folder)
        try Self.place(Self.pngs[0], as: "net/ann/image/pic.png", at: "2026-11-24T08:01:00Z", in: folder)
        let textOnly = try RunFixtures.config("version: 1\nmodalities: { text: {} }\npipeline:\n  - use: text-quality\n", in: folder)
        let run = try RunFixtures.run(textOnly, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        #expect(run.1["ann/text/gpl.txt"]?["verdict"] as? String == "accepted")
        #expect(run.1["ann/image/pic.png"]?["verdict"] as? String == "refused")
        #expect(RunFixtures.codes(run.1["ann/image/pic.png"]) == ["intake.modality_closed"])
        // Listed and explicitly unchecked: accepted with no stage looking at it.
        var unchecked = try RunFixtures.config("version: 1\nmodalities: { text: {}, image: { unchecked: true } }\npipeline:\n  - use: text-quality\n", in: folder)
        unchecked.ledger = folder.url("other.sqlite")
        let open = try RunFixtures.run(unchecked, root: folder.url("net"), verdicts: folder.url("u.jsonl"))
        #expect(open.1["ann/image/pic.png"]?["verdict"] as? String == "accepted")
    }
}
