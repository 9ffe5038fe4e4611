import CSpawn
import Glibc
import Synchronization

/// Every child process still running (external plugins, the PDF tools), so that none outlives
/// Assay: at exit their standard input is closed (a well-behaved plugin ends on end of file), then
/// the stragglers are killed with their process groups. Assay is a child subreaper, so descendants
/// that detached from a child (double fork, setsid) are re-parented to it and killed too. SIGINT
/// and SIGTERM end a run through a normal exit, so this runs then as well.
public enum ChildRegistry {
    private static let children = Mutex<[pid_t: Int32]>([:])
    private static let installed = Mutex(false)

    /// Records a started child and its stdin descriptor (-1 when Assay already closed it); installs
    /// the exit handler once.
    public static func add(pid: pid_t, input: Int32) {
        installed.withLock { done in
            guard !done else { return }
            done = true
            // Writes to a plugin that died must fail with EPIPE, not kill Assay.
            signal(SIGPIPE, SIG_IGN)
            _ = assay_become_subreaper()
            atexit { ChildRegistry.endAll() }
        }
        children.withLock { $0[pid] = input }
    }

    /// Forgets a child that was reaped.
    public static func remove(pid: pid_t) {
        _ = children.withLock { $0.removeValue(forKey: pid) }
    }

    /// Closes every child's stdin, gives them half a second to end, then kills the rest.
    private static func endAll() {
        let left = children.withLock { all in
            defer { all.removeAll() }
            return all
        }
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
        // Whatever is left of ours: detached grandchildren re-parented to this subreaper.
        _ = assay_kill_descendants()
    }
}
