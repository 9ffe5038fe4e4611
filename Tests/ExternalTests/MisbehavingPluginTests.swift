import AssayCore
import AssayTestSupport
@testable import External
import Foundation
import Glibc
import Synchronization
import Testing

/// Plugins that crash, answer garbage, hang or quit: each file gets a stage failure with a clear
/// code and message, the plugin is restarted, and a plugin that keeps failing is disabled.
@Suite struct MisbehavingPluginTests {
    @Test func aGoodAnswerBecomesAFindingInThePluginsNamespace() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log, name: "colour")
        #expect(validator.stageName == "colour")
        #expect(validator.appliesTo == Set(Modality.allCases))
        let pass = try validator.analyze(ScriptedPlugin.input("PASS", in: folder))
        #expect(pass.reasons.isEmpty)
        #expect(pass.metrics["colour.pid"] != nil, "metrics are prefixed with the plugin's name")
        let reject = try validator.analyze(ScriptedPlugin.input("REJECT", in: folder))
        #expect(reject.reasons.map(\.code) == ["colour.too_blue", "colour.already_prefixed"], "prefixed once, never twice")
        #expect(reject.reasons.allSatisfy { $0.stage == "colour" })
        #expect(reject.reasons.first?.value == .number(3))
        #expect(reject.reasons.first?.limit == .number(1))
        #expect(reject.metrics["colour.blueness"] == 0.75)
        #expect(Set(reject.metrics.keys) == ["colour.pid", "colour.blueness"])
    }

    @Test func aCrashIsAnErrorAndThePluginIsRestarted() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log)
        let first = try #require(validator.pid(ScriptedPlugin.input("PASS", in: folder)))
        let crash = try #require(validator.failure(ScriptedPlugin.input("CRASH", in: folder)))
        #expect(crash.code == "external.crash")
        #expect(crash.message.contains("exited with status 7"), "\(crash.message)")
        #expect(log.contains("[fake] Traceback: crashing on crash.txt"), "the plugin's stderr reaches the log, prefixed")
        let second = try #require(validator.pid(ScriptedPlugin.input("PASS", in: folder, named: "after")))
        #expect(second != first, "a new process judges the next file")
        #expect(kill(pid_t(first), 0) != 0, "the crashed process is reaped")
    }

    @Test func aSignalIsNamed() throws {
        let folder = TemporaryFolder("ext")
        let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder())
        let failure = try #require(validator.failure(ScriptedPlugin.input("SEGV", in: folder)))
        #expect(failure.code == "external.crash")
        #expect(failure.message.contains("killed by signal 11"), "\(failure.message)")
    }

    @Test(arguments: [
        ("GARBAGE", "not a JSON object"), ("WRONGID", "answered id"), ("PASSWITHREASON", "a pass has none"),
        ("REJECTWITHOUT", "a reject needs at least one"), ("BADCODE", "Not A Code"), ("BADMETRIC", "wrong type for 'metrics.score'"),
    ])
    func garbageIsAProtocolError(word: String, says: String) throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log)
        let first = try #require(validator.pid(ScriptedPlugin.input("PASS", in: folder)))
        let failure = try #require(validator.failure(ScriptedPlugin.input(word, in: folder)))
        #expect(failure.code == "external.protocol")
        #expect(failure.message.contains(says), "\(failure.message)")
        let second = try #require(validator.pid(ScriptedPlugin.input("PASS", in: folder, named: "after")))
        #expect(second != first, "the desynchronised process was replaced")
    }

    @Test func aPluginPastItsTimeoutIsKilledAndRestarted() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log, timeout: 3)
        let first = try #require(validator.pid(ScriptedPlugin.input("PASS", in: folder)))
        let failure = try #require(validator.failure(ScriptedPlugin.input("SLEEP", in: folder)))
        #expect(failure.code == "external.timeout")
        #expect(failure.message.contains("gave no answer within 3s"), "\(failure.message)")
        #expect(kill(pid_t(first), 0) != 0, "the sleeping process was killed")
        let after = try ScriptedPlugin.input("PASS", in: folder, named: "after")
        #expect(validator.pid(after) != nil)
    }

    @Test func closingStdoutOrStdinIsACrashNotAHang() throws {
        let folder = TemporaryFolder("ext")
        let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder(), timeout: 30)
        let stdout = try #require(validator.failure(ScriptedPlugin.input("CLOSESTDOUT", in: folder)))
        #expect(stdout.code == "external.crash")
        #expect(stdout.message.contains("closed its standard output"), "\(stdout.message)")
        // Writing to a plugin that closed its stdin raises SIGPIPE, which must not kill Assay.
        let deaf = try ScriptedPlugin.validator(in: folder, log: LogRecorder(), mode: "close-stdin", timeout: 30)
        let stdin = try #require(deaf.failure(ScriptedPlugin.input("PASS", in: folder)))
        #expect(stdin.code == "external.crash")
        #expect(stdin.message.contains("closed its standard input"), "\(stdin.message)")
    }

    @Test func handshakeFailuresAreClear() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let file = try ScriptedPlugin.input("PASS", in: folder)
        let exits = try #require(try ScriptedPlugin.validator(in: folder, log: log, mode: "exit-at-handshake").failure(file))
        #expect(exits.code == "external.crash")
        #expect(exits.message.contains("exited with status 3 while starting"), "\(exits.message)")
        #expect(log.contains("[fake] exiting at handshake"))
        let garbage = try #require(try ScriptedPlugin.validator(in: folder, log: log, mode: "garbage-at-handshake").failure(file))
        #expect(garbage.code == "external.protocol")
        #expect(garbage.message.contains("invalid handshake answer"), "\(garbage.message)")
        #expect(garbage.message.contains("Welcome to my plugin!"))
        let refuses = try #require(try ScriptedPlugin.validator(in: folder, log: log, mode: "not-ready").failure(file))
        #expect(refuses.code == "external.protocol")
        #expect(refuses.message.contains("refused to start: option 'x' is wrong"), "\(refuses.message)")
    }

    @Test func aSlowStartIsATimeout() throws {
        let folder = TemporaryFolder("ext")
        var options = ExternalOptions()
        options.name = "slow"
        options.command = ["python3", try ScriptedPlugin.write(in: folder), "sleep-at-handshake"]
        options.startTimeout = 2
        let validator = try ExternalValidator(options: options, log: LogRecorder().log)
        let failure = try #require(validator.failure(ScriptedPlugin.input("PASS", in: folder)))
        #expect(failure.code == "external.timeout")
        #expect(failure.message.contains("gave no answer within 2s while starting"), "\(failure.message)")
    }

    @Test func aPluginFailingManyFilesInARowIsDisabledLoudly() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log, maxFailures: 3)
        var codes: [String] = []
        for index in 0..<5 {
            codes.append(try validator.failure(ScriptedPlugin.input("CRASH", in: folder, named: "crash\(index)"))?.code ?? "none")
        }
        #expect(codes == ["external.crash", "external.crash", "external.crash", "external.disabled", "external.disabled"])
        #expect(log.contains("PLUGIN 'fake' DISABLED for the rest of the run after 3 failures in a row"))
        let later = try #require(validator.failure(ScriptedPlugin.input("PASS", in: folder)))
        #expect(later.code == "external.disabled", "even a good file is not judged once disabled")
        #expect(later.message.contains("3 failures in a row"))
        #expect(log.all.filter { $0.hasPrefix("[fake] Traceback") }.count == 3, "no process is started once disabled")
    }

    @Test func aSuccessEndsTheFailureStreak() throws {
        let folder = TemporaryFolder("ext")
        let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder(), maxFailures: 2)
        for index in 0..<3 {
            let garbage = try ScriptedPlugin.input("GARBAGE", in: folder, named: "g\(index)")
            let pass = try ScriptedPlugin.input("PASS", in: folder, named: "p\(index)")
            #expect(validator.failure(garbage)?.code == "external.protocol")
            #expect(validator.failure(pass) == nil, "failure \(index + 1) was never the second in a row")
        }
    }

    @Test func aPluginNotFoundFailsEveryFileThenIsDisabled() throws {
        let folder = TemporaryFolder("ext")
        let script = try folder.write("plugins/gone.sh", text: "#!/bin/sh\nexit 0\n")
        chmod(script, 0o755)
        var options = ExternalOptions()
        options.name = "gone"
        options.command = [script]
        options.maxFailures = 2
        let validator = try ExternalValidator(options: options, log: LogRecorder().log)
        try FileManager.default.removeItem(atPath: script)
        let file = try ScriptedPlugin.input("PASS", in: folder)
        let first = try #require(validator.failure(file))
        #expect(first.code == "external.crash")
        #expect(first.message.contains("cannot start") && first.message.contains("No such file"), "\(first.message)")
        #expect(validator.failure(file)?.code == "external.crash")
        #expect(validator.failure(file)?.code == "external.disabled")
    }

    @Test func megabytesOfStderrDoNotBlockThePlugin() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log)
        let noisy = try ScriptedPlugin.input("NOISY", in: folder)
        #expect(validator.failure(noisy) == nil)
        // 1.5 MB of stderr: the first 64 KiB is forwarded, then one line says the rest is not shown
        // (issue 26, item 8: a plugin cannot flood Assay's log).
        let forwarded = log.all.filter { $0.hasPrefix("[fake] noise line ") }
        #expect(forwarded.count > 800 && forwarded.count < 1000, "\(forwarded.count)")
        #expect(forwarded.first == "[fake] noise line 0 " + String(repeating: "x", count: 60), "lines arrive whole, in order")
        #expect(log.contains("[fake] (standard error past 65536 bytes is not shown"))
    }

    /// A plugin reads the bytes Assay judged, not the contributor's path (a swap between the two
    /// reads changes nothing), gets a scrubbed environment, and runs under resource limits
    /// (issue 26, item 9).
    @Test func aPluginJudgesTheBytesAssayReadWithoutSecretsAndUnderLimits() throws {
        let folder = TemporaryFolder("ext")
        setenv("ASSAY_TEST_SECRET", "hunter2", 1)
        let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder())
        let input = try ScriptedPlugin.input("SWAP", in: folder)
        let finding = try validator.analyze(input)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        #expect(try String(contentsOfFile: input.submission.absolutePath, encoding: .utf8).hasPrefix("REJECT"), "the swap happened")
        #expect(finding.metrics["fake.secret_seen"] == 0, "Assay's environment stays Assay's")
        #expect(finding.metrics["fake.path_seen"] == 1, "PATH is passed")
        #expect(finding.metrics["fake.max_memory"] == Double(4 << 30))
        #expect(finding.metrics["fake.max_file_size"] == Double(1 << 30))
    }

    /// Escape sequences a plugin prints never reach Assay's terminal.
    @Test func aPluginsEscapeSequencesAreEscaped() throws {
        let folder = TemporaryFolder("ext")
        let log = LogRecorder()
        let validator = try ScriptedPlugin.validator(in: folder, log: log)
        #expect(validator.failure(try ScriptedPlugin.input("ESCAPE", in: folder)) == nil)
        let line = try #require(log.all.first { $0.contains("cleared your screen") })
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "\(line.debugDescription)")
    }

    @Test func workersBoundTheProcessesAndEveryAnswerMatchesItsFile() throws {
        let folder = TemporaryFolder("ext")
        let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder(), workers: 2)
        let inputs = try (0..<24).map { try ScriptedPlugin.input($0 % 3 == 0 ? "REJECT" : "PASS", in: folder, named: "f\($0)") }
        let results = Mutex<[Int: Finding]>([:])
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            if let finding = try? validator.analyze(inputs[index]) { results.withLock { $0[index] = finding } }
        }
        let findings = results.withLock { $0 }
        #expect(findings.count == inputs.count)
        for (index, finding) in findings {
            #expect(finding.reasons.isEmpty == (index % 3 != 0), "file \(index) got another file's answer")
        }
        #expect(Set(findings.values.compactMap { $0.metrics["fake.pid"] }).count <= 2)
    }

    @Test func pluginsEndWhenTheValidatorIsReleased() throws {
        let folder = TemporaryFolder("ext")
        var pid: Int?
        do {
            let validator = try ScriptedPlugin.validator(in: folder, log: LogRecorder())
            pid = validator.pid(try ScriptedPlugin.input("PASS", in: folder))
        }
        let released = try #require(pid)
        #expect(kill(pid_t(released), 0) != 0, "the plugin saw end of file, ended and was reaped")
    }
}
