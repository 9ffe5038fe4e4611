import Foundation

/// The environment a plugin gets: a short allowlist of Assay's, never the rest (a `PGPASSWORD`
/// for the ledger, cloud credentials): a plugin is a maintainer's program that reads files
/// contributors sent.
public enum PluginEnvironment {
    /// Variables passed through when Assay has them; `LC_*` too.
    public static let allowed: Set<String> = ["PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "USER", "LOGNAME"]

    /// `NAME=value` for every allowed variable Assay has, plus the ones named in `keeping`.
    static func scrubbed(keeping: [String], from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let extra = Set(keeping)
        return environment.keys.sorted()
            .filter { allowed.contains($0) || $0.hasPrefix("LC_") || extra.contains($0) }
            .compactMap { key in environment[key].map { key + "=" + $0 } }
    }
}
