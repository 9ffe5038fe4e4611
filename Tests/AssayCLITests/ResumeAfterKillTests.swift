import AssayTestSupport
import Foundation
import Testing

/// A run killed with SIGKILL at any moment and started again ends with the same verdicts as a run
/// never killed: tested by killing real runs of the built tool.
@Suite struct ResumeAfterKillTests {
    @Test func killedRunsResumeToTheSameVerdicts() throws {
        let folder = TemporaryFolder("resume")
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        var count = 0
        for round in 0..<60 {
            for (i, name) in licences.enumerated() {
                let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/" + name)))
                // Every third copy is edited, so exact and near duplicates and originals all occur.
                let body = round % 3 == 0 ? source + Array("\nRevision \(round).\n".utf8) : source
                try folder.write("net/c\(i % 7)/text/\(round)-\(name).txt", bytes: body)
                count += 1
            }
        }
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { daily_files: 150 }\n")
        let assay = Locations.assay
        let clean = try Shell.run([assay, "run", "--config", config, "--ledger", folder.url("clean.sqlite"),
                                   "--verdicts", folder.url("clean.jsonl"), "--jobs", "2", folder.url("net")])
        #expect(clean.status == 0, "\(clean.stderr)")

        var kills = 0
        for delay in [0.05, 0.2, 0.4, 0.7, 1.0, 1.5] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: assay)
            process.arguments = ["run", "--quiet", "--config", config, "--ledger", folder.url("killed.sqlite"), "--jobs", "2", folder.url("net")]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        let resumed = try Shell.run([assay, "run", "--config", config, "--ledger", folder.url("killed.sqlite"),
                                     "--verdicts", folder.url("resumed.jsonl"), "--jobs", "2", folder.url("net")])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(kills > 0, "at least one run was killed mid-way")
        let expected = try String(contentsOfFile: folder.url("clean.jsonl"), encoding: .utf8)
        let got = try String(contentsOfFile: folder.url("resumed.jsonl"), encoding: .utf8)
        #expect(expected.split(separator: "\n").count == count)
        #expect(got == expected)
    }

    /// SIGTERM and SIGINT finish the batch in hand, record it, mark the run interrupted and exit
    /// 143 or 130; the next run resumes and ends byte for byte like a run never stopped.
    @Test(arguments: [SIGTERM, SIGINT])
    func signalledRunsStopCleanlyAndResume(signal: Int32) throws {
        let folder = TemporaryFolder("signal")
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        for round in 0..<40 {
            for (i, name) in licences.enumerated() {
                let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/" + name)))
                try folder.write("net/c\(i % 5)/text/\(round)-\(name).txt", bytes: source + Array("\n\(round)\n".utf8))
            }
        }
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\nlimits: { daily_files: 100 }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n")
        let assay = Locations.assay
        let clean = try Shell.run([assay, "run", "--quiet", "--config", config, "--ledger", folder.url("clean.sqlite"),
                                   "--verdicts", folder.url("clean.jsonl"), "--jobs", "1", folder.url("net")])
        #expect(clean.status == 0, "\(clean.stderr)")
        var stopped = false
        for delay in [0.3, 0.6, 1.0] where !stopped {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: assay)
            process.arguments = ["run", "--quiet", "--config", config, "--ledger", folder.url("stopped.sqlite"), "--jobs", "1", "--rejudge", folder.url("net")]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            guard process.isRunning else {
                process.waitUntilExit()
                continue
            }
            kill(process.processIdentifier, signal)
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus != 0 else { continue }
            stopped = true
            #expect(process.terminationStatus == 128 + signal)
            #expect(message.contains("interrupted by signal \(signal)") && message.contains("run the same command again"), "\(message)")
            let runs = try Shell.run([assay, "runs", "--config", config, "--ledger", folder.url("stopped.sqlite"), "--json"])
            #expect(runs.stdout.split(separator: "\n").first?.contains("\"status\":\"interrupted\"") == true, "\(runs.stdout)")
        }
        #expect(stopped, "a run was stopped mid-way")
        let resumed = try Shell.run([assay, "run", "--quiet", "--config", config, "--ledger", folder.url("stopped.sqlite"),
                                     "--verdicts", folder.url("resumed.jsonl"), "--jobs", "2", folder.url("net")])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try String(contentsOfFile: folder.url("resumed.jsonl"), encoding: .utf8)
            == (try String(contentsOfFile: folder.url("clean.jsonl"), encoding: .utf8)))
    }
}
