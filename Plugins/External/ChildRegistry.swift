import Glibc
import Synchronization

/// Every plugin process still running, so that none outlives Assay: at exit their standard input
/// is closed (a well-behaved plugin ends on end of file), then the stragglers are killed.
enum ChildRegistry {
    private static let children = Mutex<[pid_t: Int32]>([:])
    private static let installed = Mutex(false)

    /// Records a started child and its stdin descriptor; installs the exit handler once.
    static func add(pid: pid_t, input: Int32) {
        installed.withLock { done in
            guard !done else { return }
            done = true
            // Writes to a plugin that died must fail with EPIPE, not kill Assay.
            signal(SIGPIPE, SIG_IGN)
            atexit { ChildRegistry.endAll() }
        }
        children.withLock { $0[pid] = input }
    }

    /// Forgets a child that was reaped.
    static func remove(pid: pid_t) {
        _ = children.withLock { $0.removeValue(forKey: pid) }
    }

    /// Closes every child's stdin, gives them half a second to end, then kills the rest.
    private static func endAll() {
        let left = children.withLock { all in
            defer { all.removeAll() }
            return all
        }
        guard !left.isEmpty else { return }
        for input in left.values { close(input) }
        var running = Set(left.keys)
        for _ in 0..<50 where !running.isEmpty {
            running = running.filter { pid in
                var status: Int32 = 0
                return waitpid(pid, &status, WNOHANG) == 0
            }
            if !running.isEmpty { usleep(10_000) }
        }
        for pid in running {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
