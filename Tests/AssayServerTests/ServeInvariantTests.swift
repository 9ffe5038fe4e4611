import AssayTestSupport
import Foundation
import Testing

/// The invariant of `assay serve`: after any sequence of uploads, `assay intake export` from the
/// server's ledger and `assay run --intake` over its folder on a fresh ledger give exactly the
/// verdicts the server answered.
@Suite(.serialized) struct ServeInvariantTests {
    /// A small deterministic generator, so a failure names the seed that reproduces it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// Real files of every kind a datanet meets: texts (some sent twice, by one or by two
    /// contributors), a short note, pictures (a duplicate in another format), speech and silence.
    static func pool(in folder: TemporaryFolder) throws -> [String] {
        var files = ["Apache-2.0", "GPL-3", "MPL-2.0", "BSD", "Artistic", "LGPL-2.1", "GFDL-1.3", "CC0-1.0"].map { "/usr/share/common-licenses/" + $0 }
        files.append(try folder.write("note.txt", text: "ok\n"))
        files += ["/usr/share/icons/Adwaita/512x512/places/folder-pictures.png", "/usr/share/icons/Adwaita/48x48/places/folder-pictures.png",
                  Locations.corpora + "/pngsuite/basn2c08.png"]
        let jpeg = folder.url("folder.jpg")
        try Shell.run(["convert", "/usr/share/icons/Adwaita/512x512/places/folder-pictures.png", "-background", "white", "-flatten", jpeg])
        files.append(jpeg)
        let speech = folder.url("speech.wav")
        try Shell.run(["espeak-ng", "-w", speech, "Every upload is judged by the same pipeline as a run over the folder."])
        files.append(speech)
        for file in files where !FileManager.default.fileExists(atPath: file) { throw ServerProcess.ServerFailure(message: "\(file) is missing: run .ci/install-deps") }
        return files
    }

    @Test func servedVerdictsEqualARunOverTheFolderWithTheExportedIntake() throws {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = Generator(state: seed)
        let net = try ServedDatanet()
        let names = ["alice", "bob", "carol", "dave"]
        let tokens = try names.map { try net.token($0) }
        let scratch = TemporaryFolder("invariant")
        let pool = try Self.pool(in: scratch)
        let server = try net.serve(["--burst", "100", "--daily-files", "8"])
        var answers: [HTTPResult] = []
        for _ in 0..<3 {
            let count = Int.random(in: 6...12, using: &random)
            let picks = (0..<count).map { _ in (Int.random(in: 0..<names.count, using: &random), Int.random(in: 0..<pool.count, using: &random)) }
            answers += try Curl.concurrently(count) { index in
                try Curl.upload(server.base, datanet: "net", file: pool[picks[index].1], token: tokens[picks[index].0])
            }
        }
        #expect(server.stop() == 0)
        let served = answers.filter { $0.status == 201 }.map(\.json)
        #expect(served.count >= 10, "seed \(seed): \(answers.map(\.status))")
        #expect(answers.allSatisfy { $0.status == 201 || $0.status == 429 }, "seed \(seed): \(answers.map { "\($0.status) \($0.body)" })")

        let intake = scratch.url("intake.csv")
        let exported = try Shell.run([Locations.assay, "intake", "export", "--config", net.config, "--ledger", net.ledger, "--out", intake])
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = scratch.url("fresh.jsonl")
        let run = try Shell.run([Locations.assay, "run", "-q", "--config", net.config, "--ledger", scratch.url("fresh.sqlite"), "--intake", intake,
                                 "--verdicts", lines, net.uploads])
        #expect(run.status == 0, "\(run.stderr)")
        var fresh: [String: [String: Any]] = [:]
        for line in try String(contentsOfFile: lines, encoding: .utf8).split(separator: "\n") {
            let object = (try JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
            fresh[object["path"] as? String ?? ""] = object
        }
        #expect(fresh.count == served.count, "seed \(seed): every kept upload is a file of the folder")
        var kinds: Set<String> = []
        for answer in served {
            let path = answer["path"] as? String ?? ""
            guard let again = fresh[path] else {
                Issue.record("seed \(seed): \(path) is not in the run's verdicts")
                continue
            }
            kinds.insert(answer["verdict"] as? String ?? "")
            var mine = answer
            mine.removeValue(forKey: "upload")
            // The server adds each reason's hint (as `assay check` prints it); the line has it only when a stage gave one.
            let hinted = Set(((again["reasons"] as? [[String: Any]]) ?? []).filter { $0["hint"] != nil }.compactMap { $0["code"] as? String })
            mine["reasons"] = ((mine["reasons"] as? [[String: Any]]) ?? []).map { reason in
                var reason = reason
                if !hinted.contains(reason["code"] as? String ?? "") { reason.removeValue(forKey: "hint") }
                return reason
            }
            if mine["duplicate_of"] as? String == "another contributor's file" {
                let original = again["duplicate_of"] as? String ?? ""
                #expect(!original.hasPrefix((answer["contributor"] as? String ?? "") + "/"), "seed \(seed): \(path)")
                #expect(mine["verdict"] as? String == again["verdict"] as? String, "seed \(seed): \(path)")
                #expect(ServeUploadTests.codes(mine) == ServeUploadTests.codes(again), "seed \(seed): \(path)")
                for key in ["sha256", "submitted_at", "bytes", "mime", "metrics"] {
                    #expect(NSDictionary(dictionary: mine).value(forKey: key) as? NSObject == again[key] as? NSObject, "seed \(seed): \(path) \(key)")
                }
            } else {
                #expect(NSDictionary(dictionary: mine).isEqual(to: again), "seed \(seed): \(path)\nserved \(mine)\nrun    \(again)")
            }
        }
        #expect(kinds.contains("accepted") && kinds.contains("rejected"), "seed \(seed): \(kinds)")
    }
}
