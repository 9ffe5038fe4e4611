import AssayTestSupport
import Foundation
import Testing
import Yams

/// A run on a PostgreSQL ledger with `assay work` workers gives, byte for byte after sorting, the
/// verdicts of one process on SQLite: on the samples, on a generated datanet of 20,000 files with
/// a worker and the run killed half way, after a lost connection, and when launched by the
/// Slurm script and the Kubernetes manifest in docs/deploy. Real processes, a real server.
@Suite struct ScaleOutTests {
    static let assay = Locations.assay
    static let samples = Locations.packageRoot + "/samples"
    /// The default text pipeline: quality, exact and near duplicates, language.
    static let textPipeline = "version: 1\nmodalities: { text: {} }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n  - use: text-language\n"

    /// A started `assay` process, its standard error kept in a file.
    final class Running {
        let process = Process()
        let errors: String

        init(_ arguments: [String], errors: String, environment: [String: String]? = nil, executable: String = ScaleOutTests.assay) throws {
            self.errors = errors
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errors)
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
        }

        /// Waits for the exit and returns the status and what it said on standard error.
        func finish() -> (status: Int32, stderr: String) {
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
        }
    }

    /// The sorted lines of a verdict file.
    static func sortedLines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
    }

    /// The reference: one process, SQLite, two threads.
    static func reference(config: String, roots: [String], in folder: TemporaryFolder) throws -> [String] {
        let run = try Shell.run([assay, "run", "--quiet", "--config", config, "--ledger", folder.url("reference.sqlite"), "--jobs", "2",
                                 "--verdicts", folder.url("reference.jsonl")] + roots)
        #expect(run.status == 0, "\(run.stderr)")
        return try sortedLines(folder.url("reference.jsonl"))
    }

    /// A generated datanet of `files` text files in `folder/net` (Benchmarks/make_datanet.py), the
    /// default text pipeline's config, and the reference verdicts.
    static func generatedDatanet(files: Int, in folder: TemporaryFolder) throws -> (config: String, expected: [String]) {
        let made = try Shell.run(["python3", Locations.packageRoot + "/Benchmarks/make_datanet.py", String(files), folder.url("net")])
        #expect(made.status == 0, "\(made.stderr)")
        let config = try folder.write("assay.yml", text: textPipeline)
        return (config, try reference(config: config, roots: [folder.url("net")], in: folder))
    }

    /// A number from the ledger's database.
    static func count(_ sql: String, in ledger: String) throws -> Int {
        Int(try PostgresTestServer.psql(["-c", sql], database: ledger).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits until `sql` counts at least `target` (or `seconds` pass); returns the last count.
    @discardableResult
    static func wait(until sql: String, reaches target: Int, in ledger: String, seconds: Double = 300) throws -> Int {
        let start = Date()
        var value = 0
        while Date().timeIntervalSince(start) < seconds {
            value = (try? count(sql, in: ledger)) ?? 0
            if value >= target { return value }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return value
    }

    @Test func threeWorkersOnTheSamplesGiveTheVerdictsOfOneMachine() throws {
        let folder = TemporaryFolder("scale-samples")
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let ledger = try PostgresTestServer.freshDatabase("samples")
        let config = Self.samples + "/assay.yml"
        let expected = try Self.reference(config: config, roots: [], in: folder)
        let workers = try (0..<3).map { i in
            try Running(["work", "--config", config, "--ledger", ledger, "--jobs", "1"], errors: folder.url("worker-\(i).log"))
        }
        let run = try Shell.run([Self.assay, "run", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "0",
                                 "--verdicts", folder.url("pg.jsonl")])
        #expect(run.status == 0, "\(run.stderr)")
        for worker in workers {
            let ended = worker.finish()
            #expect(ended.status == 0, "\(ended.stderr)")
            #expect(ended.stderr.contains("files analyzed"))
        }
        #expect(try Self.sortedLines(folder.url("pg.jsonl")) == expected)
        #expect(expected.count == 23)
        // Readers read the PostgreSQL ledger as they read SQLite.
        let rank = try Shell.run([Self.assay, "rank", "--config", config, "--ledger", ledger])
        let reference = try Shell.run([Self.assay, "rank", "--config", config, "--ledger", folder.url("reference.sqlite")])
        #expect(rank.status == 0 && rank.stdout == reference.stdout, "\(rank.stderr)")
    }

    @Test func killedWorkersAndAKilledRunLoseNothingOnTwentyThousandFiles() throws {
        let folder = TemporaryFolder("scale-20k")
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let (config, expected) = try Self.generatedDatanet(files: 20000, in: folder)
        #expect(expected.count == 20_000)

        let ledger = try PostgresTestServer.freshDatabase("scale")
        // Short leases, so the killed worker's batch passes to another one soon.
        let work = ["work", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "1", "--lease", "3s"]
        let workers = try (0..<3).map { try Running(work, errors: folder.url("worker-\($0).log")) }
        let first = try Running(["run", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "0", folder.url("net")],
                                errors: folder.url("run-1.log"))
        let done = "SELECT count(*) FROM work_batches WHERE done = 1"
        try Self.wait(until: done, reaches: 25, in: ledger)
        kill(workers[0].process.processIdentifier, SIGKILL)
        try Self.wait(until: done, reaches: 60, in: ledger)
        #expect(first.process.isRunning, "the run was still going when it was killed")
        kill(first.process.processIdentifier, SIGKILL)
        _ = first.finish()
        _ = workers[0].finish()
        let decidedBefore = try Self.count("SELECT count(*) FROM verdicts", in: ledger)
        // Started again, the run analyzes with its own threads too, and the two live workers
        // go on with it.
        let again = try Shell.run([Self.assay, "run", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "1",
                                   "--verdicts", folder.url("pg.jsonl"), folder.url("net")])
        #expect(again.status == 0, "\(again.stderr)")
        for worker in workers.dropFirst() {
            let ended = worker.finish()
            #expect(ended.status == 0, "\(ended.stderr)")
        }
        #expect(decidedBefore < 20_000, "the first run was killed before it decided everything")
        let got = try Self.sortedLines(folder.url("pg.jsonl"))
        #expect(got.count == expected.count)
        #expect(got == expected)
        #expect(try Self.count("SELECT count(*) FROM verdicts", in: ledger) == 20_000)
        let runs = try PostgresTestServer.psql(["-c", "SELECT status FROM runs ORDER BY id"], database: ledger)
        #expect(runs.split(separator: "\n") == ["killed", "completed"])
    }

    @Test func aLostConnectionFailsTheRunClearlyAndTheNextRunFinishesIt() throws {
        let folder = TemporaryFolder("scale-lost")
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let (config, expected) = try Self.generatedDatanet(files: 3000, in: folder)
        let ledger = try PostgresTestServer.freshDatabase("lost")
        let run = try Running(["run", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "2", folder.url("net")],
                              errors: folder.url("run.log"))
        try Self.wait(until: "SELECT count(*) FROM verdicts", reaches: 600, in: ledger)
        // What a server restart does to its clients: every connection is closed under them.
        let database = try PostgresTestServer.psql(["-c", "SELECT current_database()"], database: ledger).trimmingCharacters(in: .whitespacesAndNewlines)
        try PostgresTestServer.psql(["-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"])
        let ended = run.finish()
        #expect(ended.status == 1, "\(ended.stderr)")
        #expect(ended.stderr.contains("connection") && ended.stderr.contains(database), "\(ended.stderr)")
        let again = try Shell.run([Self.assay, "run", "--quiet", "--config", config, "--ledger", ledger, "--jobs", "2",
                                   "--verdicts", folder.url("pg.jsonl"), folder.url("net")])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.sortedLines(folder.url("pg.jsonl")) == expected)
        #expect(try Self.count("SELECT count(*) FROM verdicts", in: ledger) == 3000)
        #expect(try Self.count("SELECT count(*) FROM (SELECT file_id FROM findings GROUP BY file_id, stage HAVING count(*) > 1) AS t", in: ledger) == 0)
    }

    /// The Slurm array script of docs/deploy, as four array tasks on this machine.
    @Test func theSlurmArrayScriptRunsOneRunAndWorkers() throws {
        let folder = TemporaryFolder("scale-slurm")
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let ledger = try PostgresTestServer.freshDatabase("slurm")
        let config = Self.samples + "/assay.yml"
        let expected = try Self.reference(config: config, roots: [], in: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["ASSAY_BIN"] = Self.assay
        environment["ASSAY_LEDGER"] = ledger
        environment["ASSAY_CONFIG"] = config
        environment["ASSAY_DATANET"] = Self.samples
        environment["ASSAY_VERDICTS"] = folder.url("slurm.jsonl")
        environment["SLURM_CPUS_PER_TASK"] = "1"
        let tasks = try (0..<4).map { task in
            var env = environment
            env["SLURM_ARRAY_TASK_ID"] = String(task)
            return try Running([Locations.packageRoot + "/docs/deploy/assay-array.sbatch"], errors: folder.url("task-\(task).log"),
                               environment: env, executable: "/bin/bash")
        }
        for task in tasks {
            let ended = task.finish()
            #expect(ended.status == 0, "\(ended.stderr)")
        }
        #expect(try Self.sortedLines(folder.url("slurm.jsonl")) == expected)
    }

    /// The Kubernetes Indexed Job of docs/deploy: each pod's command, with the manifest's
    /// environment, as three indexes on this machine.
    @Test func theKubernetesIndexedJobRunsOneRunAndWorkers() throws {
        let folder = TemporaryFolder("scale-k8s")
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let manifest = try String(contentsOfFile: Locations.packageRoot + "/docs/deploy/assay-indexed-job.yaml", encoding: .utf8)
        let job = try #require(try Yams.load(yaml: manifest) as? [String: Any])
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((template["containers"] as? [[String: Any]])?.first)
        let command = try #require(container["command"] as? [String]) + (try #require(container["args"] as? [String]))
        var environment = ProcessInfo.processInfo.environment
        for variable in try #require(container["env"] as? [[String: Any]]) {
            if let name = variable["name"] as? String, let value = variable["value"] as? String { environment[name] = value }
        }
        let ledger = try PostgresTestServer.freshDatabase("k8s")
        let config = Self.samples + "/assay.yml"
        let expected = try Self.reference(config: config, roots: [], in: folder)
        // The pod's mounts and service, as they are on this machine.
        environment["ASSAY_LEDGER"] = ledger
        environment["ASSAY_CONFIG"] = config
        environment["ASSAY_DATANET"] = Self.samples
        environment["ASSAY_VERDICTS"] = folder.url("k8s.jsonl")
        environment["ASSAY_JOBS"] = "1"
        environment["PATH"] = (Self.assay as NSString).deletingLastPathComponent + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let pods = try (0..<3).map { index in
            var env = environment
            env["JOB_COMPLETION_INDEX"] = String(index)
            return try Running(Array(command.dropFirst()), errors: folder.url("pod-\(index).log"), environment: env, executable: command[0])
        }
        for pod in pods {
            let ended = pod.finish()
            #expect(ended.status == 0, "\(ended.stderr)")
        }
        #expect(try Self.sortedLines(folder.url("k8s.jsonl")) == expected)
    }
}
