/// What becomes of plugins' standard error, process-wide.
public enum PluginStderr {
    /// Stops forwarding plugins' standard error (`--quiet`): their lines are read and dropped.
    /// Assay's own notes about plugins (a crash, a timeout) are warnings and still said.
    public static func silence() {
        PluginLog.quiet.store(true, ordering: .relaxed)
    }
}
