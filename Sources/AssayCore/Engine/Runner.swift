import Foundation

/// Runs a whole curation job over the datanet:
/// discover every source → apply the changes to the ledger (moving the stale mark back to the
/// first file whose inputs changed) → from the mark on, in canonical order: analyze on every
/// core what is not stored (``OrderedParallelMap``), decide one file at a time → record in
/// batches, each with the stale mark moved past it → write the verdict lines.
///
/// Whatever runs, config changes and file changes came before, the ledger ends equal to one fresh
/// run with this config over these files.
public final class Runner {
    private let pipeline: Pipeline
    private static let batchSize = 512
    /// Files per work-queue batch: small enough that a lease of a minute covers slow media.
    private static let queueBatchSize = 128

    /// A runner for `pipeline`.
    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Runs the job and returns its summary.
    public func run(_ request: RunRequest) throws(RunError) -> RunSummary {
        let started = Date()
        let config = pipeline.config
        do {
            let ledger: Ledger
            do {
                ledger = try Ledger(path: config.ledger)
            } catch {
                throw error.fromNewerAssay ? RunError.usage(error.message) : RunError.failure(error.message)
            }
            let lock: AnyObject
            do {
                lock = try ledger.store.lockForRun(wait: request.wait) { message in
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            } catch {
                switch error {
                case let .busy(message): throw RunError.usage(message)
                case let .failed(message): throw RunError.failure(message)
                }
            }
            defer { withExtendedLifetime(lock) {} }
            if let verdicts = request.verdicts, verdicts != "-" {
                let roots = request.roots + (try ledger.sources().filter { $0.kind == .folder }.map(\.path))
                try OutputGuard.check(verdicts, what: "--verdicts", ledger: config.ledger, config: config.source,
                                      manifest: config.manifest, roots: roots)
            }
            // This run holds the lock, so a run still marked running was killed.
            try ledger.markAbandonedRuns()
            let runID = try ledger.beginRun(fingerprint: config.fingerprint, config: config.source, roots: request.roots, jobs: request.jobs,
                                            stages: config.pipeline.map(\.name))
            var summary = RunSummary()
            let queue = WorkQueue.of(ledger)
            do {
                // Workers that start before the files are staged wait instead of leaving.
                try queue?.announce(WorkQueue.Announcement(phase: "staging", run: runID, fingerprints: [:]))
                let prepared = try request.prepare?() ?? []
                let intake = request.intake + prepared
                if !intake.isEmpty { try ledger.importTrustedTimes(intake) }
                let runStart = Int64(started.timeIntervalSince1970)
                let discovery = try discover(request, prepared: prepared, into: ledger)
                summary.vanishedSources = discovery.vanished
                summary.unreadableFolders = discovery.unreadable
                if config.manifest == nil {
                    // Folders: the ledger witnesses submission times. A manifest's times are the curator's.
                    summary.witnessing = try ledger.witnessIntake(runStart: runStart, maxFileBytes: config.limits.maxFileBytes)
                }
                try ledger.refuseBorrowedIdentities()
                let changes = try ledger.applyDiscovery(decideFingerprint: config.decideFingerprint,
                                                        analysisFingerprints: pipeline.analysisFingerprints, rejudge: request.rejudge,
                                                        verify: request.verify,
                                                        keeping: summary.vanishedSources, keepingFolders: discovery.unreadable,
                                                        walked: discovery.walked, runStart: runStart,
                                                        timeoutMark: pipeline.timeoutMark, retryErrors: request.retryErrors,
                                                        stagedOnly: !request.walkFolders && config.manifest == nil)
                summary.changes = changes
                // Staging is only this run's scratch: its pages go back for the verdicts to reuse.
                try ledger.resetStaging()
                if let mark = changes.mark {
                    try judge(from: mark, request: request, ledger: ledger, queue: queue, runID: runID, summary: &summary)
                }
                if summary.interruptedBy == nil { try queue?.finish(run: runID) }
                let sink: LineSink?
                switch request.verdicts {
                case nil: sink = nil
                case "-"?: sink = LineSink.standardOutput()
                case let path?: sink = try LineSink.file(path)
                }
                var counted = try ledger.summary(countingCodes: request.countReasonCodes)
                var writing = sink
                // Every verdict is in the ledger before the first line is written: a full disk or
                // a closed pipe here loses nothing.
                var sinkFailure: String?
                func written(_ body: () throws(LineSink.Failure) -> Void) {
                    do {
                        try body()
                    } catch {
                        writing = nil
                        if case let .failed(message) = error { sinkFailure = message }
                    }
                }
                if sink != nil {
                    // A stopped run writes only what is decided; the next run writes the rest.
                    try ledger.forEachVerdictLine(currentOnly: true) { line in
                        if let out = writing { written { () throws(LineSink.Failure) in try out.write(line: line) } }
                    }
                }
                if let out = writing { written { () throws(LineSink.Failure) in try out.finish() } }
                if let sinkFailure {
                    throw RunError.failure(sinkFailure + "; every verdict is recorded in \(config.ledger): "
                        + "make room and run the same command again to write them (nothing is judged twice)")
                }
                counted.analyzed = summary.analyzed
                counted.decided = summary.decided
                counted.interruptedBy = summary.interruptedBy
                counted.vanishedSources = summary.vanishedSources
                counted.unreadableFolders = summary.unreadableFolders
                counted.changes = summary.changes
                counted.witnessing = summary.witnessing
                summary = counted
            } catch {
                try? ledger.finishRun(runID, status: .failed, found: summary.found, analyzed: summary.analyzed, decided: summary.decided)
                throw error
            }
            try ledger.finishRun(runID, status: summary.interruptedBy == nil ? .completed : .interrupted, found: summary.found,
                                 analyzed: summary.analyzed, decided: summary.decided)
            summary.seconds = Date().timeIntervalSince(started)
            summary.ledger = config.ledger
            summary.config = config.source
            return summary
        } catch let error as RunError {
            throw error
        } catch let error as LedgerError {
            throw .failure(error.message)
        } catch {
            throw .failure("\(error)")
        }
    }

    /// The datanet's sources: the folders the ledger knows plus those given now, less those the
    /// request forgets; or, with a manifest in the config, the manifest alone. Streams every
    /// discovered file into the staging table. Returns the known folders that are missing now:
    /// their files keep their rows (a folder on an unmounted disk is not a deletion), until
    /// `--forget` says otherwise. Without ``RunRequest/walkFolders``, stages the `prepared` files
    /// alone (``Ledger/applyDiscovery`` then compares only them: `stagedOnly`).
    private func discover(_ request: RunRequest, prepared: [IntakeRecord], into ledger: Ledger) throws
        -> (vanished: [String], walked: [String], unreadable: [UnreadableFolder]) {
        for folder in request.forget {
            let path = FileStatus.realPath(folder) ?? OutputGuard.resolved(folder)
            guard try ledger.sources().contains(DatanetSource(kind: .folder, path: path)) else {
                throw RunError.usage("\(folder): not a folder of this ledger's datanet (see `assay runs` for the folders runs were given)")
            }
            try ledger.removeSource(DatanetSource(kind: .folder, path: path))
        }
        var given: [DatanetSource] = []
        if let manifest = pipeline.config.manifest {
            guard let real = FileStatus.realPath(manifest) else { throw RunError.usage("\(manifest): the manifest does not exist") }
            given.append(DatanetSource(kind: .manifest, path: real))
        } else {
            let known = try ledger.sources().filter { $0.kind == .folder }
            guard !request.roots.isEmpty || !known.isEmpty else {
                throw RunError.usage("no folder given to judge")
            }
            for root in request.roots {
                guard let real = FileStatus.realPath(root), FileStatus(path: real, followLinks: true)?.kind == .directory else {
                    throw RunError.usage("\(root): not a folder")
                }
                given.append(DatanetSource(kind: .folder, path: real))
            }
        }
        try ledger.addSources(given)
        try ledger.resetStaging()
        var vanished: [String] = []
        var walked: [String] = []
        var unreadable: [UnreadableFolder] = []
        var batch: [DiscoveredFile] = []
        let emit: (DiscoveredFile) throws -> Void = { file in
            batch.append(file)
            if batch.count >= 2048 {
                try ledger.stage(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let walker = FolderWalker(layout: pipeline.config.layout, maxFileBytes: pipeline.config.limits.maxFileBytes)
        if !request.walkFolders && pipeline.config.manifest == nil {
            let folders = try ledger.sources().filter { $0.kind == .folder }.map(\.path)
            for record in prepared where !record.isNameClaim && folders.contains(record.root) {
                if let file = walker.examine(root: record.root, relative: record.path) { try emit(file) }
            }
            try ledger.stage(batch)
            return ([], [], [])
        }
        for source in try ledger.sources() {
            switch source.kind {
            case .manifest:
                // Only the config's manifest belongs to the datanet now.
                guard given.contains(source) else {
                    try ledger.removeSource(source)
                    continue
                }
                do {
                    try ManifestReader(maxFileBytes: pipeline.config.limits.maxFileBytes).read(manifest: source.path, emit)
                } catch let error as DiscoveryError {
                    throw RunError.usage(error.message)
                }
            case .folder:
                // With a manifest, the manifest alone is the datanet.
                guard pipeline.config.manifest == nil else { continue }
                guard FileStatus(path: source.path, followLinks: true)?.kind == .directory else {
                    vanished.append(source.path)
                    continue
                }
                do {
                    let result = try walker.walk(root: source.path, emit)
                    unreadable += result.unreadable
                } catch let error as DiscoveryError {
                    throw RunError.failure(error.message + "; nothing was changed in the ledger")
                }
                walked.append(source.path)
            }
        }
        try ledger.stage(batch)
        return (vanished, walked, unreadable)
    }

    /// Analyzes and decides every file from `mark` on, recording in batches. With a work queue
    /// (a PostgreSQL ledger), the files to analyze are queued for `assay work` workers and this
    /// process's own ``QueueWorker`` (`request.jobs` threads, none with `--jobs 0`), and decide
    /// waits for each batch's findings before it passes the batch's first file.
    private func judge(from mark: StaleMark, request: RunRequest, ledger: Ledger, queue: WorkQueue?, runID: Int64,
                       summary: inout RunSummary) throws {
        let decider = pipeline.decider()
        let generation = try ledger.indexGeneration()
        if try request.indexCache?.restore(into: decider, before: mark, ledger: ledger, generation: generation) != true {
            try ledger.loadIndexes(decider.duplicateIndexes, before: mark)
        }
        // The usage in the mark's quota window before it (older files cannot matter: decide goes
        // forward in time), then the daily limits, in canonical order, before any file is read:
        // a refused file is never read, decoded or queued for workers.
        if mark.key.submittedAt > Int64.min {
            try ledger.admittedUsage(window: decider.quotaWindowStart(for: mark.key.submittedAt)...Int64.max, before: mark) { decider.countAdmitted($0) }
        }
        try ledger.decideAdmissions(from: mark, open: pipeline.config.modalities.open) { decider.admit($0) }
        // With a queue, a rejudge's discovery already forgot every stored analysis: workers
        // analyze every file again, and decide reuses what they wrote.
        // --verify reads every file here, on the run's machine, also with workers.
        let analyzer = pipeline.analyzer(rejudge: request.rejudge && queue == nil, verify: request.verify, retryErrors: request.retryErrors)
        let pipeline = self.pipeline
        var helpers: LocalWorkers?
        if let queue {
            try queue.fill(run: runID, from: mark, fingerprints: pipeline.analysisFingerprints, batchSize: Self.queueBatchSize,
                           retryErrors: request.retryErrors)
            if request.jobs > 0 { helpers = try LocalWorkers(pipeline: pipeline, ledger: pipeline.config.ledger, jobs: request.jobs) }
        }
        defer { helpers?.stop() }
        var frontier: (() throws -> CanonicalKey?)?
        if let queue { frontier = { try queue.frontier(run: runID) } }
        let files = PendingFiles(ledger: ledger, mark: mark, frontier: frontier) { stage, bytes in
            pipeline.restoreFingerprint(stage: stage, bytes: bytes)
        }
        let progress = ProgressBar(total: files.count, enabled: request.progress)
        var lastNote = Date.distantPast
        var toldNoWorkers = false
        let started = Date()
        files.waiting = {
            if let failure = helpers?.failure { throw failure }
            guard let queue, Date().timeIntervalSince(lastNote) > 0.5 else { return }
            let (analyzed, workers) = try queue.progress(run: runID, aliveWithin: QueueWorker.defaultLease)
            let rate = Double(analyzed) / max(Date().timeIntervalSince(started), 0.001)
            progress.note = "· \(analyzed) analyzed (\(Int(rate.rounded()))/s) by \(workers) worker\(workers == 1 ? "" : "s")"
            progress.update(done: progress.done)
            lastNote = Date()
            // With --jobs 0 nothing moves until a worker comes: say so once, to whoever watches.
            if workers == 0, helpers == nil, !toldNoWorkers, Date().timeIntervalSince(started) > 30 {
                toldNoWorkers = true
                FileHandle.standardError.write(Data(("\nassay: no worker has been heard from in 30 s and this run analyzes nothing itself (--jobs 0); "
                    + "start `assay work --ledger \(ledger.path)` on a machine that sees the files\n").utf8))
            }
        }
        var batch: [DecidedFile] = []
        var lastFlush = Date()
        var decided = 0
        var analyzed = 0

        func flush(last: CanonicalKey?) throws {
            let next = last.map { StaleMark(key: $0, inclusive: false) }
            try ledger.commit(batch, indexChanges: decider.takeIndexChanges(), mark: next, runID: runID)
            batch.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        let threads = max(1, request.jobs)
        // Two commit batches in flight: the workers go on while a batch is written.
        let map = OrderedParallelMap<(id: Int64, work: FileWork), FileAnalysis>(workers: threads, window: max(threads * 16, 2 * Self.batchSize))
        var lastKey: CanonicalKey?
        try map.run(files, transform: { analyzer.analyze($0.work) }) { item, analysis in
            let submission = item.work.submission
            let settled = decider.settle(item.work, analysis)
            batch.append(DecidedFile(id: item.id, submission: submission, analysis: analysis, settled: settled,
                                     line: item.work.refusalBeforeReading == nil ? VerdictLine.encode(settled.verdict) : "",
                                     analyzedUnder: pipeline.analyzedUnder(item.work, analysis)))
            decided += 1
            if analysis.read { analyzed += 1 }
            lastKey = submission.key
            progress.update(done: decided)
            if batch.count >= Self.batchSize || Date().timeIntervalSince(lastFlush) > 1 {
                try flush(last: lastKey)
                try files.waiting?()
                if let signal = RunInterruption.caughtSignal {
                    summary.interruptedBy = signal
                    return false
                }
            }
            return true
        }
        if let error = files.failure { throw error }
        if let failure = helpers?.failure { throw failure }
        if files.interrupted, summary.interruptedBy == nil {
            summary.interruptedBy = RunInterruption.caughtSignal
            try flush(last: lastKey)
        }
        if let queue { analyzed = max(analyzed, try queue.progress(run: runID, aliveWithin: 0).analyzed) }
        if summary.interruptedBy == nil {
            // Everything from the mark on is decided: nothing is stale, and the indexes hold
            // every file's entries up to the last one decided.
            try flush(last: nil)
            request.indexCache?.keep(decider.duplicateIndexes, end: lastKey.map { StaleMark(key: $0, inclusive: false) } ?? mark,
                                     generation: generation)
        }
        progress.finish()
        summary.decided = decided
        summary.analyzed = analyzed
    }
}

/// The files to decide, from the stale mark on, read from the ledger a page at a time; with a
/// work queue, never past the first file of the first batch whose findings are not written yet
/// (it waits, calling `waiting`, until they are).
private final class PendingFiles: Sequence, IteratorProtocol {
    private let ledger: Ledger
    private let mark: StaleMark
    private let frontier: (() throws -> CanonicalKey?)?
    private let restore: (String, [UInt8]) -> (any StageFingerprint)?
    private var page: [(id: Int64, work: FileWork)] = []
    private var at = 0
    private var last: CanonicalKey?
    private var done = false
    /// The ledger error that ended the sequence early, if any.
    private(set) var failure: (any Error)?
    /// True when a signal stopped the wait for findings (files are left to decide).
    private(set) var interrupted = false
    /// Called while waiting for findings (progress, a failed helper); throwing ends the sequence.
    var waiting: (() throws -> Void)?

    init(ledger: Ledger, mark: StaleMark, frontier: (() throws -> CanonicalKey?)?,
         restore: @escaping (String, [UInt8]) -> (any StageFingerprint)?) {
        self.ledger = ledger
        self.mark = mark
        self.frontier = frontier
        self.restore = restore
    }

    /// The number of files from the mark on.
    var count: Int { (try? ledger.countFiles(from: mark)) ?? 0 }

    func next() -> (id: Int64, work: FileWork)? {
        if at == page.count {
            guard !done else { return nil }
            do {
                while true {
                    let bound = try frontier?()
                    page = try ledger.pendingFiles(from: mark, after: last, before: bound, limit: 1024, restore: restore)
                    guard page.isEmpty, bound != nil else { break }
                    guard RunInterruption.caughtSignal == nil else {
                        interrupted = true
                        break
                    }
                    try waiting?()
                    Thread.sleep(forTimeInterval: 0.05)
                }
            } catch {
                failure = error
                page = []
            }
            at = 0
            guard let tail = page.last else {
                done = true
                return nil
            }
            last = tail.work.submission.key
        }
        at += 1
        return page[at - 1]
    }
}
