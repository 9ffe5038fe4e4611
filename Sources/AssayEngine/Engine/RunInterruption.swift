#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM during a run: the first one is noted and the runner stops after recording
/// the batch in hand (the run is marked `interrupted` and the next run resumes); a second one
/// ends the process at once.
public enum RunInterruption {
    private static let caught = Atomic<Int32>(0)

    /// Installs the handlers for SIGINT and SIGTERM.
    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { number in
            if RunInterruption.caught.exchange(number, ordering: .relaxed) != 0 { _exit(128 + number) }
        }
        _ = signal(SIGINT, handler)
        _ = signal(SIGTERM, handler)
        // A closed pipe is a write error (EPIPE) the run handles, not a death.
        _ = signal(SIGPIPE, SIG_IGN)
        // A parent may start us with the two blocked (test runners and some job launchers do):
        // a curator's kill must still reach the run.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal caught so far, or nil.
    public static var caughtSignal: Int32? {
        let value = caught.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
