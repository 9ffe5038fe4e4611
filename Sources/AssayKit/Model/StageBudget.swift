#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stage's CPU budget for one file (`limits.stage_timeout`), measured on the thread's own CPU
/// clock so a loaded machine does not eat it. The engine checks it after every stage (an analysis
/// over budget ends in `error`, `stage.timeout`, and is retried next run); a stage with long loops
/// calls ``check()`` between phases to stop early.
public struct StageBudget: Sendable {
    /// CPU seconds allowed; `.infinity` for none.
    public let seconds: Double
    private let start: Double

    /// A budget of `seconds` of this thread's CPU time, starting now.
    public init(seconds: Double) {
        self.seconds = seconds
        start = Self.threadCPUSeconds()
    }

    /// No limit.
    public static let unlimited = StageBudget(seconds: .infinity)

    /// CPU seconds this thread has used since the budget started.
    public var used: Double { Self.threadCPUSeconds() - start }

    /// True when the budget is spent.
    public var exceeded: Bool { seconds.isFinite && used > seconds }

    /// Throws `stage.timeout` when the budget is spent.
    public func check() throws(StageFailure) {
        if exceeded { throw Self.failure(seconds: seconds, used: used) }
    }

    /// The failure for a stage that used `used` of `seconds`.
    public static func failure(seconds: Double, used: Double) -> StageFailure {
        StageFailure(code: CoreReasons.stageTimeout.code,
                     message: "the stage used \(Int(used.rounded(.up))) s of CPU on this file, over stage_timeout (\(DurationText.format(seconds)))")
    }

    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
