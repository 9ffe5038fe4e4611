import Synchronization

/// What stages may print besides their findings, process-wide: `--quiet` silences the chatter
/// of stages that run other programs (an external plugin's standard error). A stage's own
/// warnings about failures are not chatter and are still said.
public enum StageOutput {
    private static let quiet = Atomic<Bool>(false)

    /// Stops the chatter for the rest of the process (`--quiet`).
    public static func silence() {
        quiet.store(true, ordering: .relaxed)
    }

    /// True once ``silence()`` was called.
    public static var isQuiet: Bool { quiet.load(ordering: .relaxed) }
}
