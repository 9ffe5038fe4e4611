import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// Daily limits at, one below and one above each limit, across two runs.
@Suite struct QuotaTests {
    /// Writes `count` real text files for `contributor` at the given times.
    func add(_ folder: TemporaryFolder, _ contributor: String, _ name: String, bytes: Int = 200, at time: String, modality: String = "text") throws {
        let licence = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/GPL-3")))
        let path = try folder.write("net/\(contributor)/\(modality)/\(name).txt", bytes: Array(licence.prefix(bytes)))
        try RunFixtures.touch(path, time)
    }

    func run(_ folder: TemporaryFolder, _ limits: String, _ name: String, intake: [IntakeRecord] = []) throws -> [String: [String: Any]] {
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true, mime: [text/plain]}, audio: {unchecked: true}}\nlimits: \(limits)\n", in: folder)
        return try RunFixtures.run(config, root: folder.url("net"), intake: intake, verdicts: folder.url(name)).1
    }

    @Test func dailyFilesAtBelowAndAboveAcrossTwoRuns() throws {
        let folder = TemporaryFolder("quota")
        for i in 1...2 { try add(folder, "ann", "a\(i)", at: "2026-11-24T0\(i):00:00Z") }
        let first = try run(folder, "{ daily_files: 3 }", "1.jsonl")
        #expect(first.values.allSatisfy { $0["verdict"] as? String == "accepted" }, "one below the limit")
        try add(folder, "ann", "a3", at: "2026-11-24T03:00:00Z")
        try add(folder, "ann", "a4", at: "2026-11-24T04:00:00Z")
        try add(folder, "ann", "b1", at: "2026-11-25T00:00:00Z")
        // Files new since a walk are dated after it, whatever their mtimes say; a curator's
        // intake file vouches for a backfill's times.
        let backfill = try [("a3", "2026-11-24T03:00:00Z"), ("a4", "2026-11-24T04:00:00Z"), ("b1", "2026-11-25T00:00:00Z")].map {
            try RunFixtures.trusted("ann/text/\($0.0).txt", in: folder.url("net"), at: $0.1)
        }
        let second = try run(folder, "{ daily_files: 3 }", "2.jsonl", intake: backfill)
        #expect(second["ann/text/a3.txt"]?["verdict"] as? String == "accepted", "at the limit")
        let over = second["ann/text/a4.txt"]
        #expect(over?["verdict"] as? String == "refused", "one above the limit")
        #expect(RunFixtures.codes(over) == ["quota.daily_files"])
        let reason = (over?["reasons"] as? [[String: Any]])?.first
        #expect(reason?["value"] as? Int == 4 && reason?["limit"] as? Int == 3)
        #expect((reason?["message"] as? String)?.contains("2026-11-24") == true)
        #expect(second["ann/text/b1.txt"]?["verdict"] as? String == "accepted", "a new UTC day")
    }

    @Test func refusedForBytesDoesNotBlockASmallerLaterFile() throws {
        let folder = TemporaryFolder("quota")
        try add(folder, "ben", "a", bytes: 600, at: "2026-11-24T01:00:00Z")
        try add(folder, "ben", "b", bytes: 500, at: "2026-11-24T02:00:00Z")
        try add(folder, "ben", "c", bytes: 390, at: "2026-11-24T03:00:00Z")
        try add(folder, "ben", "d", bytes: 11, at: "2026-11-24T04:00:00Z")
        let verdicts = try run(folder, "{ daily_bytes: 1000B }", "1.jsonl")
        #expect(verdicts["ben/text/a.txt"]?["verdict"] as? String == "accepted")
        #expect(RunFixtures.codes(verdicts["ben/text/b.txt"]) == ["quota.daily_bytes"], "600 + 500 is above 1000")
        #expect(verdicts["ben/text/c.txt"]?["verdict"] as? String == "accepted", "600 + 390 fits")
        #expect(RunFixtures.codes(verdicts["ben/text/d.txt"]) == ["quota.daily_bytes"], "600 + 390 + 11 is one byte above")
    }

    @Test func rollingWindowCountsThe24HoursBefore() throws {
        let folder = TemporaryFolder("quota")
        try add(folder, "cid", "a", at: "2026-11-24T22:00:00Z")
        try add(folder, "cid", "b", at: "2026-11-25T01:00:00Z")
        try add(folder, "cid", "c", at: "2026-11-25T21:59:59Z")
        try add(folder, "cid", "d", at: "2026-11-25T22:00:00Z")
        let rolling = try run(folder, "{ daily_files: 1, window: rolling_24h }", "1.jsonl")
        #expect(rolling["cid/text/a.txt"]?["verdict"] as? String == "accepted")
        #expect(RunFixtures.codes(rolling["cid/text/b.txt"]) == ["quota.daily_files"])
        #expect(RunFixtures.codes(rolling["cid/text/c.txt"]) == ["quota.daily_files"])
        #expect(rolling["cid/text/d.txt"]?["verdict"] as? String == "accepted", "exactly 24 hours later")
    }

    @Test func perModalityLimitsAndSwitchingOff() throws {
        let folder = TemporaryFolder("quota")
        try add(folder, "dee", "t1", at: "2026-11-24T01:00:00Z")
        try add(folder, "dee", "i1", at: "2026-11-24T02:00:00Z", modality: "image")
        try add(folder, "dee", "i2", at: "2026-11-24T03:00:00Z", modality: "image")
        let limited = try run(folder, "{ daily_files: 5, per_modality: { image: { daily_files: 1 } } }", "1.jsonl")
        #expect(limited["dee/image/i1.txt"]?["verdict"] as? String == "accepted")
        #expect(RunFixtures.codes(limited["dee/image/i2.txt"]) == ["quota.daily_files"])
        #expect(limited["dee/text/t1.txt"]?["verdict"] as? String == "accepted")
        let off = try run(folder, "{ daily_files: 1, quotas: false }", "2.jsonl")
        #expect(off.values.allSatisfy { $0["verdict"] as? String == "accepted" })
    }
}
