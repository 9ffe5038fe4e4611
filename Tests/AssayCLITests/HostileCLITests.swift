import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// The command line under faults and clumsy use (issue 17): concurrent runs, full disks, outputs
/// pointed at inputs, closed pipes, terminal escapes and spreadsheet formulas in names.
@Suite struct HostileCLITests {
    static let config = "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n"

    /// A datanet of `rounds` × the common licences, in `folder/net`.
    static func datanet(_ folder: TemporaryFolder, rounds: Int) throws {
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        for round in 0..<rounds {
            for (i, name) in licences.enumerated() {
                let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/common-licenses/" + name)))
                try folder.write("net/c\(i % 5)/text/\(round)-\(name).txt", bytes: source + Array("\n\(round)\n".utf8))
            }
        }
    }

    func assay(_ arguments: [String], in directory: String? = nil) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments, in: directory)
    }

    /// Starts `assay run --quiet --config CONFIG --jobs 1 FOLDER` in the background. With
    /// `stalled`, its verdicts go to a pipe nobody reads, so the run stops mid-way once the pipe is
    /// full, however fast it is (kill it to end it).
    func startRun(config: String, folder: String, stalled: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Locations.assay)
        process.arguments = ["run", "--quiet", "--config", config, "--jobs", "1"] + (stalled ? ["--verdicts", "-"] : []) + [folder]
        if stalled { process.standardOutput = Pipe() }
        try process.run()
        return process
    }

    @Test func aSecondRunOnALedgerWaitsOrLeaves() throws {
        let folder = TemporaryFolder("lock")
        try Self.datanet(folder, rounds: 30)
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "other/zed/text/gpl.txt")
        let config = try folder.write("assay.yml", text: Self.config)
        let first = try startRun(config: config, folder: folder.url("net"))
        Thread.sleep(forTimeInterval: 0.3)
        let refused = try assay(["run", "--quiet", "--no-wait", "--config", config, folder.url("other")])
        let reader = try assay(["runs", "--config", config])
        let waited = try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("both.jsonl"), folder.url("other")])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(refused.status == 2 && refused.stderr.contains("another run"), "\(refused.stderr)")
        #expect(reader.status == 0, "reading the ledger needs no lock")
        #expect(waited.status == 0 && waited.stderr.contains("waiting"), "\(waited.stderr)")
        // The same as one run over both folders on a fresh ledger.
        let serial = try assay(["run", "--quiet", "--config", config, "--ledger", folder.url("serial.sqlite"),
                                "--verdicts", folder.url("serial.jsonl"), folder.url("net"), folder.url("other")])
        #expect(serial.status == 0)
        #expect(try String(contentsOfFile: folder.url("both.jsonl"), encoding: .utf8)
            == (try String(contentsOfFile: folder.url("serial.jsonl"), encoding: .utf8)))
    }

    @Test func aFullDiskIsAnErrorThatLosesNothing() throws {
        let folder = TemporaryFolder("full")
        try Self.datanet(folder, rounds: 2)
        let config = try folder.write("assay.yml", text: Self.config)
        let full = try assay(["run", "--quiet", "--config", config, "--verdicts", "/dev/full", folder.url("net")])
        #expect(full.status == 1)
        #expect(full.stderr.contains("/dev/full") && full.stderr.contains("No space left") && full.stderr.contains("recorded in"), "\(full.stderr)")
        let again = try assay(["run", "--config", config, "--verdicts", folder.url("v.jsonl"), folder.url("net")])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 analyzed now"), "every verdict was kept: \(again.stdout)")
    }

    @Test func outputsNeverOverwriteInputs() throws {
        let folder = TemporaryFolder("outputs")
        try Self.datanet(folder, rounds: 1)
        let config = try folder.write("assay.yml", text: Self.config)
        #expect(try assay(["run", "--quiet", "--config", config, folder.url("net")]).status == 0)
        let ledger = try Data(contentsOf: URL(fileURLWithPath: folder.url("assay.sqlite")))
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        for target in [folder.url("assay.sqlite"), config, folder.url("net/c0/text/v.jsonl")] {
            let result = try assay(["run", "--quiet", "--config", config, "--verdicts", target, folder.url("net")])
            #expect(result.status == 2, "\(target): \(result.stderr)")
        }
        // Every command that writes, and other names for the same files (issue 26, item 5).
        try FileManager.default.linkItem(atPath: folder.url("assay.sqlite"), toPath: folder.url("linked.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: folder.url("elsewhere"), withDestinationPath: folder.url("net/c1"))
        let attempts: [[String]] = [
            ["run", "--quiet", "--config", config, "--verdicts", folder.url("linked.jsonl"), folder.url("net")],
            ["export", "--config", config, "--format", "jsonl", "--out", folder.url("assay.sqlite")],
            ["export", "--config", config, "--format", "csv", "--out", config],
            ["export", "--config", config, "--format", "list", "--out", folder.url("elsewhere/list.txt")],
            ["export", "--config", config, "--format", "hf", "--out", folder.url("net/c2")],
            ["report", "--config", config, "--out", folder.url("assay.sqlite")],
            ["report", "--config", config, "--out", folder.url("linked.jsonl")],
            ["intake", "export", "--config", config, "--out", folder.url("assay.sqlite-wal")],
        ]
        for arguments in attempts {
            let result = try assay(arguments)
            #expect(result.status == 2, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.url("assay.sqlite"))) == ledger)
        #expect(try String(contentsOfFile: config, encoding: .utf8) == yaml)
        #expect(!FileManager.default.fileExists(atPath: folder.url("net/c0/text/v.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: folder.url("net/c1/list.txt")))
    }

    /// An output that is a symbolic link is written through it, and a replaced file keeps its mode.
    @Test func outputsWriteThroughLinksAndKeepTheirMode() throws {
        let folder = TemporaryFolder("output-links")
        try Self.datanet(folder, rounds: 1)
        let config = try folder.write("assay.yml", text: Self.config)
        try folder.write("real/v.jsonl", text: "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url("link.jsonl"), withDestinationPath: folder.url("real/v.jsonl"))
        #expect(try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("link.jsonl"), folder.url("net")]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.url("link.jsonl")) == folder.url("real/v.jsonl"))
        #expect(try String(contentsOfFile: folder.url("real/v.jsonl"), encoding: .utf8).hasPrefix("{\"path\":"))
        try folder.write("private.jsonl", text: "old\n")
        _ = try Shell.run(["chmod", "600", folder.url("private.jsonl")])
        #expect(try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("private.jsonl"), folder.url("net")]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.url("private.jsonl"))[.posixPermissions] as? Int == 0o600)
    }

    /// On a real full file system (a 64 KB tmpfs, where the test may mount one), a verdicts file
    /// that does not fit leaves the previous one whole, and the message names the output.
    @Test func aFullFileSystemLeavesThePreviousOutputWhole() throws {
        let folder = TemporaryFolder("small-disk")
        let small = folder.url("small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        guard try Shell.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small]).status == 0 else {
            print("skipped: cannot mount a small tmpfs here (needs root)")
            return
        }
        defer { _ = try? Shell.run(["umount", small]) }
        try Self.datanet(folder, rounds: 3)
        let config = try folder.write("assay.yml", text: Self.config)
        try folder.write("small/v.jsonl", text: "the previous verdicts\n")
        let result = try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("small/v.jsonl"), folder.url("net")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("small/v.jsonl: cannot write: No space left on device"), "\(result.stderr)")
        #expect(result.stderr.count < 1_000)
        #expect(try String(contentsOfFile: folder.url("small/v.jsonl"), encoding: .utf8) == "the previous verdicts\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: small) == ["v.jsonl"], "no temporary file left behind")
    }

    @Test func aClosedPipeEndsTheRunQuietlyWithEverythingRecorded() throws {
        let folder = TemporaryFolder("pipe")
        try Self.datanet(folder, rounds: 20)
        let config = try folder.write("assay.yml", text: Self.config)
        let shell = try Shell.run(["/bin/sh", "-c", "'\(Locations.assay)' run --quiet --config '\(config)' --verdicts - '\(folder.url("net"))' | head -1; echo \"status ${PIPESTATUS:-}\""])
        #expect(shell.stdout.hasPrefix("{\"path\":"))
        let runs = try assay(["runs", "--config", config, "--json"])
        #expect(runs.stdout.contains("\"status\":\"completed\""), "\(runs.stdout)")
        let again = try assay(["run", "--config", config, folder.url("net")])
        #expect(again.stdout.contains("0 analyzed now, 0 decided now"), "\(again.stdout)")
    }

    @Test func aKilledRunIsMarkedKilledByTheNextOne() throws {
        let folder = TemporaryFolder("killed")
        try Self.datanet(folder, rounds: 30)
        let config = try folder.write("assay.yml", text: Self.config)
        let process = try startRun(config: config, folder: folder.url("net"), stalled: true)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning, "the run must still be writing its verdicts")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try assay(["runs", "--config", config, "--json"]).stdout.contains("\"status\":\"running\""))
        #expect(try assay(["run", "--quiet", "--config", config, folder.url("net")]).status == 0)
        let runs = try assay(["runs", "--config", config, "--json"]).stdout.split(separator: "\n")
        #expect(runs.first?.contains("\"status\":\"completed\"") == true)
        #expect(runs.last?.contains("\"status\":\"killed\"") == true, "\(runs)")
    }

    /// `--config assay.yml` (no folder part) with a manifest row `etc/passwd`: the manifest is the
    /// one next to the config, and its rows resolve there, never against `/`.
    @Test func aManifestNamedWithoutAFolderResolvesNextToTheConfig() throws {
        let folder = TemporaryFolder("manifest-cwd")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "ann/text/gpl.txt")
        try folder.write("submissions.csv", text: "path,contributor,modality,submitted_at\netc/passwd,ann,text,2026-11-24T10:00:00Z\nann/text/gpl.txt,ann,text,2026-11-24T10:01:00Z\n")
        try folder.write("assay.yml", text: Self.config + "manifest: submissions.csv\n")
        let run = try assay(["run", "--quiet", "--config", "assay.yml", "--verdicts", "v.jsonl"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: folder.url("v.jsonl"), encoding: .utf8).split(separator: "\n")
        let passwd = try #require(lines.first { $0.contains("\"path\":\"etc/passwd\"") })
        #expect(passwd.contains("\"sha256\":null") && passwd.contains("intake.unreadable"), "\(passwd)")
        #expect(lines.contains { $0.contains("ann/text/gpl.txt") && $0.contains("\"verdict\":\"accepted\"") })
    }

    @Test func textWithANulByteIsTextWithControlCharacters() throws {
        let folder = TemporaryFolder("nul")
        let config = try folder.write("assay.yml", text: Self.config)
        let gpl = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        let file = try folder.write("me/text/nul.txt", text: gpl.replacingOccurrences(of: "Preamble", with: "Pre\u{0}amble"))
        let check = try assay(["check", "--config", config, "--json", file])
        #expect(check.stdout.contains("\"mime\":\"text/plain\"") && check.stdout.contains("text.control_chars"), "\(check.stdout)")
        #expect(!check.stdout.contains("intake.modality_mismatch"))
    }

    @Test func namesAndMessagesCannotDriveTheTerminalOrASpreadsheet() throws {
        let folder = TemporaryFolder("escapes")
        let config = try folder.write("assay.yml", text: Self.config)
        let evil = try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/=HYPERLINK(1)/text/evil\u{1B}[31mred\nline.txt")
        let check = try assay(["check", "--config", config, evil])
        #expect(!check.stdout.contains("\u{1B}") && check.stdout.contains("evil\\x1b[31mred\\nline.txt"), "\(check.stdout)")
        #expect(try assay(["run", "--quiet", "--config", config, folder.url("net")]).status == 0)
        let csv = try assay(["rank", "--config", config, "--format", "csv"])
        #expect(csv.stdout.contains("\n1,'=HYPERLINK(1),"), "\(csv.stdout)")
        let html = try assay(["report", "--config", config])
        #expect(!html.stdout.contains("\u{1B}") && !html.stdout.unicodeScalars.contains { $0.value == 0 })
    }
}

/// Names anyone chooses, in every medium Assay writes (issue 26, item 8).
@Suite struct HostileNameTests {
    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    @Test func contributorNamesStayTextInTheCardTheTerminalAndListings() throws {
        let folder = TemporaryFolder("names")
        // Line breaks in a name are refused at intake (intake.bad_contributor); what is left of
        // the attack is Markdown and HTML on one line.
        let evil = "# License: public domain <img src=x onerror=alert(1)> [x](javascript:alert(1))"
        try folder.write("net/\(evil)/text/a.txt", text: "a file from a hostile name\n")
        try folder.write("net/esc\u{1B}[2Jape/text/b.txt", text: "a file from a name with an escape sequence\n")
        try folder.write("net/carol/text/two\nlines.txt", text: "a file whose name has a newline\n")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}}\n")
        #expect(try assay(["run", "-q", "--config", config, folder.url("net")]).status == 0)

        #expect(try assay(["export", "-q", "--config", config, "--out", folder.url("hf")]).status == 0)
        let card = try String(contentsOfFile: folder.url("hf/README.md"), encoding: .utf8)
        #expect(!card.split(separator: "\n").contains { $0.hasPrefix("# License") }, "no heading from a folder name")
        #expect(card.contains("| \\# License\\: public domain"), "the name, escaped, in its table cell")
        #expect(!card.contains("](javascript"), "no link from a folder name")
        for (index, character) in card.enumerated() where character == "<" {
            #expect(card[card.index(card.startIndex, offsetBy: index - 1)] == "\\", "every < from a name is escaped")
        }
        #expect(card.contains("\\<img src\\=x onerror\\=alert\\(1\\)\\>"))

        let rank = try assay(["rank", "--config", config])
        #expect(rank.status == 0)
        #expect(!rank.stdout.unicodeScalars.contains("\u{1B}"), "no escape sequence reaches the terminal")

        let list = try assay(["export", "-q", "--config", config, "--format", "list", "--null"])
        let paths = list.stdout.split(separator: "\0", omittingEmptySubsequences: true).map(String.init)
        #expect(paths.count == 2, "the name with an escape sequence is refused at intake")
        #expect(paths.contains { $0.hasSuffix("/carol/text/two\nlines.txt") })
        #expect(try assay(["export", "--config", config, "--format", "csv", "--null"]).status == 2)
    }
}
