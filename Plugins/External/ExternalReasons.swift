import AssayKit

/// The codes Assay gives when an external plugin fails on a file. The plugin's own codes are
/// namespaced by its `name` and documented by the plugin, not here.
public enum ExternalReasons {
    /// The plugin exited, was killed by a signal, closed its pipes, or could not be started.
    public static let crash = ReasonCode(
        "external.crash",
        meaning: "The external plugin could not be started, or exited or closed its pipes before answering; Assay restarted it and the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.",
        curator: "Read the plugin's stderr (prefixed with its name in Assay's log).")
    /// The plugin answered something that is not a valid protocol message for this file.
    public static let protocolError = ReasonCode(
        "external.protocol",
        meaning: "The external plugin answered with something that is not a valid message (not JSON, wrong id, missing or mistyped keys; see docs/plugin-protocol.schema.json); Assay restarted it and the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.",
        curator: "The plugin's author should compare its output with docs/plugin-protocol.schema.json.")
    /// The plugin did not answer within its timeout.
    public static let timeout = ReasonCode(
        "external.timeout",
        meaning: "The external plugin gave no answer within its timeout; Assay killed and restarted it and the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.",
        curator: "Raise the plugin's `timeout` option or make the plugin faster.")
    /// The plugin failed on too many files in a row and was switched off for the rest of the run.
    public static let disabled = ReasonCode(
        "external.disabled",
        meaning: "The external plugin failed on max_failures files in a row and was disabled for the rest of the run; the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.",
        curator: "Fix the plugin: see the earlier external.* reasons and its stderr.")

    /// Every code, in the order of the reasons table.
    public static let all: [ReasonCode] = [crash, protocolError, timeout, disabled]
}
