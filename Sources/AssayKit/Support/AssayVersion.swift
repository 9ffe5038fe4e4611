/// Version information.
public enum AssayVersion {
    /// The tool's version: the last release, or the next one with `-dev` while it is unreleased
    /// (the Debian package writes `-` as `~`, so `0.3.0~dev` sorts before `0.3.0`).
    public static let string = "0.3.0-dev"
    /// Bumped whenever one of the engine's own rules (intake, the order of decisions) changes
    /// meaning, so earlier verdicts are judged again. A validator's findings are versioned by its
    /// own `ValidatorDescription.version`, which re-analyzes that stage only.
    public static let rulesRevision = 1
}
