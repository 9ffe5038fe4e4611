import AssayKit
import Foundation

/// The checked settings of one external plugin, shared by its pool and its processes.
struct PluginSpec: Sendable {
    /// Stage name and code namespace.
    let name: String
    /// Program and arguments.
    let command: [String]
    /// The folder the plugin runs in, nil for Assay's own.
    let directory: String?
    /// The modalities it judges.
    let modalities: Set<Modality>
    /// Per-file answer timeout.
    let timeout: Duration
    /// Start and handshake timeout.
    let startTimeout: Duration
    /// Most processes at once.
    let workers: Int
    /// Failures in a row before the plugin is disabled.
    let maxFailures: Int
    /// Options forwarded in the handshake.
    let options: JSONValue
    /// The plugin's whole environment, `NAME=value`.
    let environment: [String]
    /// RLIMIT_AS and RLIMIT_FSIZE of each copy, bytes (0: none).
    let maxMemory: Int64
    let maxFileSize: Int64

    /// Names Assay keeps for itself: its own code families.
    private static let reserved: Set<String> = ["external", "intake", "quota", "stage", "document"]

    /// Checks `options`: a usable name, a command that exists, modalities, timeouts, an options mapping.
    init(_ options: ExternalOptions) throws(OptionsError) {
        let name = options.name
        guard !name.isEmpty else { throw OptionsError("'name' is required: it names the stage and prefixes the plugin's reason codes") }
        guard name.count <= 40, Self.isPlainName(name) else {
            throw OptionsError("'name' must be 1 to 40 characters among a-z, 0-9, '_' and '-', starting with a letter, got '\(name)'")
        }
        guard !Self.reserved.contains(name) else { throw OptionsError("'name' must not be '\(name)': Assay uses that code family itself") }
        guard let program = options.command.first, !program.isEmpty else {
            throw OptionsError("'command' is required: the program to run and its arguments, e.g. [python3, plugins/pii_screen.py]")
        }
        guard Self.locate(program, in: options.directory) != nil else {
            throw OptionsError(program.contains("/")
                ? "'command': '\(program)' is not an executable file" + (options.directory.map { " (relative to \($0))" } ?? "")
                : "'command': '\(program)' was not found on PATH")
        }
        guard !options.modalities.isEmpty else { throw OptionsError("'modalities' must name at least one of text, image, audio") }
        guard options.timeout > 0, options.timeout <= 3600 else { throw OptionsError("'timeout' must be above 0 and at most 1h") }
        guard options.startTimeout > 0, options.startTimeout <= 3600 else { throw OptionsError("'start_timeout' must be above 0 and at most 1h") }
        guard case .object = options.options else { throw OptionsError("'options' must be a mapping (it is sent to the plugin as a JSON object)") }
        self.name = name
        command = options.command
        directory = options.directory
        modalities = Set(options.modalities.compactMap(Modality.init(rawValue:)))
        timeout = .milliseconds(Int64((options.timeout * 1000).rounded(.up)))
        startTimeout = .milliseconds(Int64((options.startTimeout * 1000).rounded(.up)))
        workers = options.workers
        maxFailures = options.maxFailures
        self.options = options.options
        environment = PluginEnvironment.scrubbed(keeping: options.environment)
        maxMemory = max(0, options.maxMemory)
        maxFileSize = max(0, options.maxFileSize)
    }

    /// SHA-256 over the program's files, so editing a plugin (or upgrading its interpreter) makes
    /// its stored findings stale: the executable the command names, then every argument that
    /// names a regular file (relative to `directory`), each as `path NUL content-hash`.
    var programHash: String {
        var files: [String] = []
        if let program = command.first, let executable = Self.locate(program, in: directory) { files.append(executable) }
        for argument in command.dropFirst() where !argument.isEmpty {
            let path = argument.hasPrefix("/") || directory == nil ? argument : (directory ?? "") + "/" + argument
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue { files.append(path) }
        }
        var summary: [UInt8] = []
        for file in files {
            let resolved = (file as NSString).resolvingSymlinksInPath
            let content = FileManager.default.contents(atPath: resolved).map { ContentHash.sha256([UInt8]($0)) } ?? "unreadable"
            summary += Array((file + "\u{0}" + content + "\n").utf8)
        }
        return ContentHash.sha256(summary)
    }

    /// The executable `program` names: a path (relative to `directory`) or a name on PATH.
    static func locate(_ program: String, in directory: String?) -> String? {
        let files = FileManager.default
        if program.contains("/") {
            let path = program.hasPrefix("/") || directory == nil ? program : (directory ?? "") + "/" + program
            return files.isExecutableFile(atPath: path) ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + program
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
