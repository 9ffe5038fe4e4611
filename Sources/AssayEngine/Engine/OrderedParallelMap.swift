import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps a sequence through a pure function on several threads and hands the results back in the
/// input order, with at most `window` items in flight (so memory does not grow with the input).
///
/// The input is pulled and the results are consumed on the calling thread; only `transform`
/// runs on the workers, 5 nicer than the calling thread on Linux, so it gets a core first. When `consume` throws or returns `false`, no further input is pulled and
/// the results still in flight are dropped.
public struct OrderedParallelMap<Input: Sendable, Output: Sendable> {
    /// Worker threads, at least 1.
    public let workers: Int
    /// Items in flight at most (submitted and not yet consumed), at least `workers`.
    public let window: Int
    /// Stack size of each worker thread, in bytes.
    public var stackSize = 16 << 20

    /// A map on `workers` threads with `window` items in flight.
    public init(workers: Int, window: Int) {
        self.workers = max(1, workers)
        self.window = max(self.workers, window)
    }

    /// Feeds `inputs` through `transform` and passes each input with its output to `consume`, in
    /// input order. Returns the number of items consumed.
    @discardableResult
    public func run<S: Sequence>(_ inputs: S, transform: @escaping @Sendable (Input) -> Output,
                                 consume: (Input, Output) throws -> Bool) rethrows -> Int where S.Element == Input {
        let shared = Exchange<Input, Output>()
        for _ in 0..<workers {
            let thread = Thread {
                // The calling thread consumes in order, and everything waits on it when it falls
                // behind: on a busy core it goes first. On Linux the nice value is per thread, a
                // new thread inherits its creator's, and `who` 0 is the calling thread.
                #if os(Linux)
                let inherited = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(inherited + 5, 19))
                #endif
                while let (sequence, input) = shared.nextJob() {
                    shared.post(transform(input), at: sequence)
                }
            }
            thread.stackSize = stackSize
            thread.start()
        }
        defer { shared.close() }
        var iterator = inputs.makeIterator()
        var pending: [Int: Input] = [:]
        var submitted = 0
        var consumed = 0
        var exhausted = false
        while true {
            while !exhausted && submitted - consumed < window {
                guard let input = iterator.next() else {
                    exhausted = true
                    break
                }
                pending[submitted] = input
                shared.submit(input, at: submitted)
                submitted += 1
            }
            guard consumed < submitted, let input = pending.removeValue(forKey: consumed) else { return consumed }
            let output = shared.take(consumed)
            consumed += 1
            guard try consume(input, output) else { return consumed }
        }
    }
}

/// The job queue and result board shared by the caller and the workers of one ``OrderedParallelMap`` run.
private final class Exchange<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // @unchecked: every access to the stored properties holds `condition`.
    private let condition = NSCondition()
    private var jobs: [(Int, Input)] = []
    private var head = 0
    private var results: [Int: Output] = [:]
    private var closed = false

    func submit(_ input: Input, at sequence: Int) {
        condition.lock()
        jobs.append((sequence, input))
        condition.broadcast()
        condition.unlock()
    }

    /// The next job, or nil once the run is over.
    func nextJob() -> (Int, Input)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed { condition.wait() }
        guard !closed, head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 1024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    func post(_ output: Output, at sequence: Int) {
        condition.lock()
        if !closed { results[sequence] = output }
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the output for `sequence` is posted, then removes and returns it.
    func take(_ sequence: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let output = results.removeValue(forKey: sequence) { return output }
            condition.wait()
        }
    }

    /// Ends the run: idle workers exit, busy ones exit after their current job.
    func close() {
        condition.lock()
        closed = true
        jobs.removeAll()
        head = 0
        results.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
