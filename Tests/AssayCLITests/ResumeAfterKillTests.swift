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
}
