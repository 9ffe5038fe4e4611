import AssayKit
import Synchronization

/// A pool of libmagic cookies: one per thread that sniffs at the same time, opened one at a time
/// (loading the database is not safe to run concurrently) and reused for the life of the pool.
final class MagicPool: Sendable {
    private let idle = Mutex<[MagicHandle]>([])
    private let opening = Mutex<Void>(())

    /// Runs `body` with a cookie no other thread is using.
    func withHandle<T>(_ body: (MagicHandle) throws(StageFailure) -> T) throws(StageFailure) -> T {
        let handle: MagicHandle
        if let reused = idle.withLock({ $0.popLast() }) {
            handle = reused
        } else {
            handle = try open()
        }
        defer { idle.withLock { $0.append(handle) } }
        return try body(handle)
    }

    private func open() throws(StageFailure) -> MagicHandle {
        try opening.withLock { _ throws(StageFailure) in try MagicHandle() }
    }
}
