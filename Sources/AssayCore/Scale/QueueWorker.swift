import Foundation

/// One `assay work` process (or the `run` process's own analysis threads): leases batches from
/// the ledger's ``WorkQueue``, analyzes their files on `jobs` threads with the same
/// ``Pipeline`` a run uses, writes their findings and repeats, until the run it serves has no
/// batch left. It decides nothing: the run folds the findings in canonical order.
public final class QueueWorker: Sendable {
    /// What a worker did, for its closing line.
    public struct Report: Sendable {
        /// Files analyzed.
        public var files = 0
        /// Batches completed.
        public var batches = 0
        /// Why it stopped.
        public var ending = ""

        /// Nothing done yet.
        public init() {}
    }

    /// Words of the error a worker stops with when its config is not the run's (a usage error
    /// for the command, not one to retry).
    public static let otherConfig = "analyzes under another config than this worker's"

    /// Seconds a lease lasts unless `--lease` says otherwise; also how recently a worker must
    /// have been heard from to count as alive.
    public static let defaultLease: Double = 60

    private let pipeline: Pipeline
    private let queue: WorkQueue
    /// The name under which the worker leases and reports (`HOST:PID:RANDOM`).
    public let id: String
    private let jobs: Int
    private let leaseSeconds: Double
    private let waitForRun: Double
    private let host: String
    private let leaveWhenDone: Bool

    /// A worker for `pipeline` on `ledger`'s queue, analyzing with `jobs` threads, leasing for
    /// `leaseSeconds`, and waiting at most `waitForRun` seconds for a run when none is going on.
    /// With `leaveWhenDone` false it stays until stopped, for batches whose lease runs out after
    /// the last open one was taken (the `run` process's own worker).
    public init(pipeline: Pipeline, ledger: Ledger, jobs: Int, leaseSeconds: Double, waitForRun: Double,
                leaveWhenDone: Bool = true) throws(LedgerError) {
        self.leaveWhenDone = leaveWhenDone
        self.pipeline = pipeline
        queue = try WorkQueue(ledger: ledger)
        self.jobs = max(1, jobs)
        self.leaseSeconds = leaseSeconds
        self.waitForRun = waitForRun
        host = ProcessInfo.processInfo.hostName
        id = "\(host):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Works until the run has nothing left to analyze, `shouldStop` says so, or no run turns up
    /// within the wait; `log` hears what a person should know (a run found, the end).
    public func run(shouldStop: () -> Bool, log: (String) -> Void) throws(LedgerError) -> Report {
        var report = Report()
        let analyzer = pipeline.analyzer(rejudge: false)
        let retrying = pipeline.analyzer(rejudge: false, retryErrors: true)
        let mine = Dictionary(uniqueKeysWithValues: pipeline.analysisFingerprints.map { ($0.key.rawValue, $0.value) })
        var idleSince = Date()
        var served: Int64?
        var lastBeat = Date.distantPast
        while !shouldStop() {
            let announcement = try queue.announcement()
            if Date().timeIntervalSince(lastBeat) > 2 {
                try queue.heartbeat(worker: id, host: host, pid: Int(getpid()), run: announcement?.run)
                lastBeat = Date()
            }
            guard let announcement, announcement.phase == "analyzing" else {
                if let served, announcement?.run == served, announcement?.phase == "finished" {
                    report.ending = "run \(served) is finished"
                    return report
                }
                if try queue.runIsAlive() {
                    idleSince = Date()
                } else if Date().timeIntervalSince(idleSince) > waitForRun {
                    report.ending = "no run to work for in \(Int(waitForRun)) s"
                    return report
                }
                Thread.sleep(forTimeInterval: 0.3)
                continue
            }
            guard announcement.fingerprints == mine else {
                throw LedgerError("\(queue.ledger.path): run \(announcement.run) \(Self.otherConfig) "
                    + "(its stages or their options differ); start the worker with the run's config (--config)", kind: .otherConfig)
            }
            if served != announcement.run {
                served = announcement.run
                log("assay work: working for run \(announcement.run) as \(id)")
            }
            idleSince = Date()
            guard let lease = try queue.lease(run: announcement.run, worker: id, seconds: leaseSeconds) else {
                guard try queue.hasOpenBatches(run: announcement.run) || !leaveWhenDone else {
                    report.ending = "run \(announcement.run) has nothing left to analyze"
                    return report
                }
                // Every open batch is leased by a live worker: one may die and its lease run out.
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            let works = try queue.ledger.files(ids: lease.ids) { stage, bytes in pipeline.restoreFingerprint(stage: stage, bytes: bytes) }
            var analyses: [(id: Int64, submission: Submission, analysis: FileAnalysis, analyzedUnder: String?)] = []
            analyses.reserveCapacity(works.count)
            let map = OrderedParallelMap<(id: Int64, work: FileWork), FileAnalysis>(workers: jobs, window: jobs * 4)
            let chosen = announcement.retryErrors == true ? retrying : analyzer
            map.run(works, transform: { chosen.analyze($0.work) }) { item, analysis in
                analyses.append((item.id, item.work.submission, analysis, pipeline.analyzedUnder(item.work, analysis)))
                return true
            }
            try queue.complete(lease, worker: id, analyses: analyses)
            report.files += analyses.count
            report.batches += 1
        }
        report.ending = "stopped by a signal"
        return report
    }
}
