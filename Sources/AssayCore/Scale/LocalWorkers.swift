import Foundation
import Synchronization

/// The `run` process's own share of a PostgreSQL ledger's analysis: a ``QueueWorker`` on a
/// thread of its own, with its own connection, leasing batches like any `assay work` process.
final class LocalWorkers: Sendable {
    private let stopping = Atomic<Bool>(false)
    private let error = Mutex<LedgerError?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts a worker with `jobs` threads on a new connection to the ledger at `address`.
    init(pipeline: Pipeline, ledger address: String, jobs: Int) throws(LedgerError) {
        let worker = try QueueWorker(pipeline: pipeline, ledger: try Ledger(path: address), jobs: jobs,
                                     leaseSeconds: QueueWorker.defaultLease, waitForRun: 0, leaveWhenDone: false)
        let thread = Thread { [self] in
            do throws(LedgerError) {
                _ = try worker.run(shouldStop: { self.stopping.load(ordering: .relaxed) || RunInterruption.caughtSignal != nil }, log: { _ in })
            } catch {
                self.error.withLock { $0 = error }
            }
            self.finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Why the worker failed, if it did.
    var failure: LedgerError? { error.withLock { $0 } }

    /// Stops the worker after the batch in hand and waits for it.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
    }
}
