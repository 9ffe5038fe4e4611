import Glibc

/// How a child process ended, from its `waitpid` status, in the words Assay's messages use.
public enum ChildExit {
    /// `exited with status 7` or `was killed by signal 11 (Segmentation fault)`.
    public static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        if signal == 0 { return "exited with status \((status >> 8) & 0xFF)" }
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        return "was killed by signal \(signal) (\(name))"
    }

    /// Milliseconds for poll(2) from a duration: rounded up, never negative, clamped to Int32.
    public static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }
}
