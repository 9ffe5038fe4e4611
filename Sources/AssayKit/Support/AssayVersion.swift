/// Version information.
public enum AssayVersion {
    /// The tool's version.
    public static let string = "0.1.0"
    /// Bumped whenever a built-in rule changes meaning, so earlier verdicts are judged again.
    public static let rulesRevision = 1
}
