import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay work`: a worker of a run on a PostgreSQL ledger, on any machine that sees the
/// datanet's files at the same paths.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Analyze files of a run on a shared PostgreSQL ledger, on this machine, until the run has none left.",
        discussion: """
            Leases batches of the files the `run` process staged (FOR UPDATE SKIP LOCKED), analyzes them with --jobs threads \
            and the same config as the run (a worker whose stages or options differ stops with exit 2), writes their findings, \
            and repeats. The run decides, in canonical order, so the verdicts are those of one machine. A worker killed at any \
            moment loses nothing: its lease runs out and another worker takes the batch. A worker started before the run waits \
            for it (--wait-for-run). Exit 0 when the run has nothing left to analyze; 2 for a usage or config error (or another \
            config than the run's); 1 when the ledger cannot be reached.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "The PostgreSQL ledger the run uses: postgres://USER@HOST:PORT/DB (default: the config's). The password comes from PGPASSWORD or ~/.pgpass.")
    var ledger: String?

    @Option(name: .long, help: "Analysis threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "How long a leased batch stays this worker's before another may take it: 60s, 2m, ... (default: 60s).")
    var lease: String = "60s"

    @Option(name: .long, help: "How long to wait for a run to start when none is going on (default: 120s).")
    var waitForRun: String = "120s"

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard let seconds = DurationText.parse(lease), seconds >= 1 else { throw ValidationError("--lease must be a duration of at least 1s, like 60s or 2m") }
        guard DurationText.parse(waitForRun) != nil else { throw ValidationError("--wait-for-run must be a duration, like 120s or 5m") }
    }

    func run() throws {
        var config = try options.load()
        if let ledger { config.ledger = ledger }
        guard LedgerAddress.isPostgres(config.ledger) else {
            throw CommandFailure.usage("\(config.ledger): `assay work` shares a PostgreSQL ledger with a run; give --ledger postgres://USER@HOST:PORT/DATABASE")
        }
        let leaseSeconds = DurationText.parse(lease) ?? QueueWorker.defaultLease
        let waitSeconds = DurationText.parse(waitForRun) ?? 120
        RunInterruption.install()
        let pipeline = Pipeline(config: config, sniffer: BuiltinValidators.sniffer)
        var total = QueueWorker.Report()
        // A lost connection is retried for one lease: the batch in hand would pass to another
        // worker by then anyway.
        var failingSince: Date?
        while true {
            do throws(LedgerError) {
                let worker = try QueueWorker(pipeline: pipeline, ledger: try Ledger(path: config.ledger), jobs: jobs,
                                             leaseSeconds: leaseSeconds, waitForRun: waitSeconds)
                output.detail("assay work: \(worker.id) on \(config.ledger) with \(jobs) threads")
                let report = try worker.run(shouldStop: { RunInterruption.caughtSignal != nil }) { output.say($0) }
                total.files += report.files
                total.batches += report.batches
                output.say("assay work: \(Plural.count(total.files, "file")) analyzed in \(Plural.count(total.batches, "batch", "batches")); \(report.ending)")
                break
            } catch {
                if error.isUsageError { throw CommandFailure.usage(error.message) }
                let since = failingSince ?? Date()
                failingSince = since
                guard Date().timeIntervalSince(since) < leaseSeconds, RunInterruption.caughtSignal == nil else {
                    throw CommandFailure.failure(error.message)
                }
                output.warn(error.message + "; trying again")
                Thread.sleep(forTimeInterval: 2)
            }
        }
        if let signal = RunInterruption.caughtSignal { throw ExitCode(128 + signal) }
    }
}
