import AssayEngine
import AssayKit
import AssayLedger

/// The duplicate indexes of a datanet kept in memory from one run to the next, so that a run
/// loads from the ledger only the entries added since (``RunRequest/indexCache``). `assay serve`
/// runs every second; with 50,000 files already judged, loading every entry each time was about
/// 30% of the server's CPU (a profile of Benchmarks/serve.sh with PREFILL).
///
/// The indexes are valid while the ledger's ``Ledger/indexGeneration()`` is the one they were
/// kept under and the next run's stale mark is not before their end: entries only ever added
/// after their end, by this process or another one on the same ledger, are loaded then. Anything
/// else (a removed file, a replay of earlier files, a failed or interrupted run) makes the next
/// run load them whole again. Used by one run at a time (runs hold the ledger's run lock).
public final class DuplicateIndexCache: @unchecked Sendable {
    private var indexes: [DuplicateIndex] = []
    /// The files whose entries the indexes hold: every file before this mark.
    private var end: StaleMark?
    private var generation: Int64 = 0
    /// Runs that took the kept indexes instead of loading them whole.
    public private(set) var reuses = 0

    /// An empty cache.
    public init() {}

    /// Hands the kept indexes to `decider` and loads the entries from their end to `mark`; false
    /// when they cannot serve (then the decider's own indexes are untouched). The cache is empty
    /// afterwards either way: the run changes the indexes it took, and gives them back with
    /// ``keep(_:end:generation:)`` only when it completes.
    func restore(into decider: Decider, before mark: StaleMark, ledger: Ledger, generation current: Int64) throws(LedgerError) -> Bool {
        defer { clear() }
        guard let end, generation == current, end.isAtOrBefore(mark), decider.adopt(indexes) else { return false }
        try ledger.loadIndexes(decider.duplicateIndexes, after: end, before: mark)
        reuses += 1
        return true
    }

    /// Keeps `indexes`, which hold the entries of every file before `end`, under `generation`.
    func keep(_ indexes: [DuplicateIndex], end: StaleMark, generation: Int64) {
        self.indexes = indexes
        self.end = end
        self.generation = generation
    }

    /// Forgets the indexes.
    func clear() {
        indexes = []
        end = nil
    }
}
