import AssayKit
import Foundation

/// The `with:` block of `use: external`: which program to run, on which modalities, how long it
/// may take, how many copies may run, and the options forwarded to it in the handshake.
public struct ExternalOptions: ValidatorOptions {
    /// The stage name and the namespace of the plugin's reason codes and metrics (`pii`).
    public var name = ""
    /// The program and its arguments; relative paths are taken from the config file's folder.
    public var command: [String] = []
    /// The folder the plugin runs in: the config file's folder (nil: Assay's own working folder).
    public var directory: String?
    /// The modalities the plugin judges.
    public var modalities: [String] = Modality.allCases.map(\.rawValue)
    /// Seconds the plugin may take to answer for one file.
    public var timeout: Double = 5
    /// Seconds the plugin may take to start and answer the handshake.
    public var startTimeout: Double = 30
    /// At most this many copies of the plugin run at once (one per worker thread using it).
    public var workers = 4
    /// Failures in a row (crash, garbage, timeout) after which the plugin is disabled for the run.
    public var maxFailures = 5
    /// Any value, sent to the plugin as `options` in the handshake.
    public var options: JSONValue = .object([])
    /// Environment variables passed to the plugin besides ``PluginEnvironment/allowed``: the
    /// rest of Assay's environment (a `PGPASSWORD`, cloud keys) never reaches it.
    public var environment: [String] = []
    /// Address space one copy of the plugin may use, in bytes (RLIMIT_AS); 0 for no limit.
    public var maxMemory: Int64 = 4 << 30
    /// Largest file one copy of the plugin may write, in bytes (RLIMIT_FSIZE); 0 for no limit.
    public var maxFileSize: Int64 = 1 << 30

    /// The shipped defaults (not runnable: `name` and `command` must be given).
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<ExternalOptions>] {
        [
            .string("name", \.name, help: "Stage name and namespace of the plugin's reason codes and metrics (lower case, no dots)."),
            command,
            .strings("modalities", \.modalities, choices: Modality.allCases.map(\.rawValue), help: "The modalities the plugin judges."),
            .duration("timeout", \.timeout, help: "Longest wait for the plugin's answer on one file; past it the plugin is killed and restarted."),
            .duration("start_timeout", \.startTimeout, help: "Longest wait for a new copy of the plugin to answer the handshake."),
            .integer("workers", \.workers, in: 1...256, help: "Most copies of the plugin running at once (never more than --jobs)."),
            .integer("max_failures", \.maxFailures, in: 1...100_000, help: "Failures in a row after which the plugin is disabled for the rest of the run."),
            .json("options", \.options, help: "A mapping sent to the plugin as 'options' in the handshake."),
            .strings("environment", \.environment, help: "Names of environment variables passed to the plugin besides PATH, HOME, LANG, LANGUAGE, LC_*, TZ, TMPDIR, USER and LOGNAME."),
            .size("max_memory", \.maxMemory, help: "Address space one copy of the plugin may use (RLIMIT_AS); 0 for no limit."),
            .size("max_file_size", \.maxFileSize, help: "Largest file one copy of the plugin may write (RLIMIT_FSIZE); 0 for no limit."),
        ]
    }

    /// `command` also remembers the config file's folder, so relative paths work from anywhere.
    private static var command: OptionField<ExternalOptions> {
        OptionField(name: "command", typeName: "list of text",
                    help: "The program and its arguments (run in the config file's folder; the program is looked up on PATH).",
                    read: { .strings($0.command) }) { options, node throws(ConfigError) in
            options.command = try node.strings("command")
            options.directory = folder(of: node.file)
        }
    }

    /// The absolute folder of a config file, or nil when the config does not come from a file.
    static func folder(of file: String) -> String? {
        guard !file.isEmpty, !file.hasPrefix("<") else { return nil }
        let parent = (file as NSString).deletingLastPathComponent
        let absolute = parent.hasPrefix("/") ? parent : FileManager.default.currentDirectoryPath + "/" + parent
        return (absolute as NSString).standardizingPath
    }
}
