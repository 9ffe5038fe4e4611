import Foundation

/// Runs a whole curation job: discover → stage in the ledger → analyze on every core, a bounded
/// number of files in flight → decide one at a time in canonical order → record in batches.
public final class Runner {
    private let config: AssayConfig
    private let sniffer: any MIMESniffer
    private static let batchSize = 512

    /// A runner for `config`, sniffing MIME types with `sniffer`.
    public init(config: AssayConfig, sniffer: any MIMESniffer) {
        self.config = config
        self.sniffer = sniffer
    }

    /// Runs the job and returns its summary.
    public func run(_ request: RunRequest) throws(RunError) -> RunSummary {
        let started = Date()
        let ledger: Ledger
        do {
            ledger = try Ledger(path: config.ledger)
            try ledger.resetStaging()
        } catch {
            throw .failure(error.message)
        }
        try discover(request, into: ledger)
        do {
            var summary = try judge(request, ledger: ledger)
            summary.seconds = Date().timeIntervalSince(started)
            summary.ledger = config.ledger
            return summary
        } catch {
            throw .failure(error.message)
        }
    }

    /// Streams every discovered file into the ledger's staging table, in batches.
    private func discover(_ request: RunRequest, into ledger: Ledger) throws(RunError) {
        var batch: [DiscoveredFile] = []
        let emit: (DiscoveredFile) throws -> Void = { file in
            batch.append(file)
            if batch.count >= 2048 {
                try ledger.stage(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        do {
            if let manifest = config.manifest {
                try ManifestReader(maxFileBytes: config.limits.maxFileBytes).read(manifest: manifest, emit)
            } else {
                guard !request.roots.isEmpty else { throw DiscoveryError("no folder given to judge") }
                let walker = FolderWalker(layout: config.layout, maxFileBytes: config.limits.maxFileBytes)
                for root in request.roots { try walker.walk(root: root, emit) }
            }
            try ledger.stage(batch)
        } catch let error as DiscoveryError {
            throw .usage(error.message)
        } catch let error as LedgerError {
            throw .failure(error.message)
        } catch {
            throw .failure("discovery failed: \(error)")
        }
    }

    private func judge(_ request: RunRequest, ledger: Ledger) throws(LedgerError) -> RunSummary {
        let total = try ledger.stagedCount()
        let fingerprint = config.fingerprint
        let runID = try ledger.beginRun(fingerprint: fingerprint, config: config.source, roots: request.roots, jobs: request.jobs,
                                       stages: config.pipeline.map(\.name))
        let indexes = config.pipeline.map { $0.stateful == nil ? nil : DuplicateIndex(stage: $0.name) }
        for index in indexes.compactMap({ $0 }) { try ledger.load(index, excludingStaged: request.rejudge) }
        let rejudge = request.rejudge
        let quota = QuotaKeeper(limits: config.limits) { contributor throws(LedgerError) in
            try ledger.usage(of: contributor, excludingStaged: rejudge)
        }
        let decider = Decider(stages: config.pipeline, indexes: indexes, quota: quota, fingerprint: fingerprint)
        let sink: LineSink?
        switch request.verdicts {
        case nil: sink = nil
        case "-"?: sink = LineSink.standardOutput()
        case let path?: sink = try LineSink.file(path)
        }

        let judge = FileJudge(config: config, sniffer: sniffer, rejudge: request.rejudge)
        let queue = WorkQueue<(Int64, DiscoveredFile, PriorVerdict?)>()
        let board = ResultBoard<FileOutcome>()
        for _ in 0..<request.jobs {
            let thread = Thread {
                while let (sequence, file, prior) = queue.pop() {
                    board.post(judge.judge(file, prior: prior), at: sequence)
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        defer { queue.close() }

        var summary = RunSummary()
        let progress = ProgressBar(total: total, enabled: request.progress)
        let window = Int64(request.jobs * 16)
        var inFlight: [Int64: (DiscoveredFile, PriorVerdict?)] = [:]
        var page: [(key: (Int64, String), file: DiscoveredFile, prior: PriorVerdict?)] = []
        var pageAt = 0
        var lastKey: (Int64, String)?
        var exhausted = false
        var submitted: Int64 = 0
        var batch: [RecordedVerdict] = []
        var lastFlush = Date()
        var sequence: Int64 = 0

        func flush() throws(LedgerError) {
            try ledger.record(batch, indexChanges: decider.takeIndexChanges(), runID: runID)
            batch.removeAll(keepingCapacity: true)
            lastFlush = Date()
        }

        while true {
            // Keep the workers fed, with at most `window` files in flight.
            while !exhausted && submitted < sequence + window {
                if pageAt == page.count {
                    page = try ledger.stagedPage(after: lastKey, limit: 1024)
                    pageAt = 0
                    guard let last = page.last else {
                        exhausted = true
                        break
                    }
                    lastKey = last.key
                }
                let item = page[pageAt]
                pageAt += 1
                submitted += 1
                inFlight[submitted] = (item.file, item.prior)
                queue.push((submitted, item.file, item.prior))
            }
            guard sequence < submitted else { break }
            sequence += 1
            let outcome = board.take(sequence)
            guard let (file, prior) = inFlight.removeValue(forKey: sequence) else { continue }
            let settled = try decider.settle(file, prior: prior, outcome: outcome)
            sink?.write(line: settled.line)
            summary.add(modality: file.submission.modalityName, verdict: settled.verdict, codes: settled.codes,
                        judgedNow: settled.judgement != nil)
            if let judgement = settled.judgement {
                batch.append(RecordedVerdict(judgement: judgement, line: settled.line, fingerprint: fingerprint))
            }
            if batch.count >= Self.batchSize || Date().timeIntervalSince(lastFlush) > 1 {
                try flush()
                sink?.flush()
            }
            progress.update(done: Int(sequence))
        }
        try flush()
        sink?.flush()
        progress.finish()
        try ledger.finishRun(runID, found: summary.found, judged: summary.judged)
        return summary
    }
}
