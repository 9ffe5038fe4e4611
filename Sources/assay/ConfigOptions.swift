import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `--config`, shared by the commands that read a config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: assay.yml in the current folder or the nearest parent that has one, else the built-in defaults).")
    var config: String?

    /// `assay.yml` in the current folder or the nearest parent, as git and ruff find their files.
    static func discovered() -> String? {
        var folder = FileManager.default.currentDirectoryPath
        while true {
            let candidate = (folder as NSString).appendingPathComponent("assay.yml")
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    /// Loads the config; a config error (FILE:LINE:COLUMN) exits with 2.
    func load() throws -> AssayConfig {
        let loader = ConfigLoader(registry: BuiltinValidators.registry)
        let loaded: AssayConfig
        do {
            if let config {
                loaded = try loader.load(path: config)
            } else if let found = Self.discovered() {
                loaded = try loader.load(path: found)
            } else {
                loaded = try loader.defaults(directory: FileManager.default.currentDirectoryPath)
            }
        } catch {
            throw CommandFailure.usage(error.description)
        }
        for warning in loaded.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        return loaded
    }

    /// Loads the config at `path` (for options that name several configs); a config error exits with 2.
    static func load(path: String) throws -> AssayConfig {
        let loaded: AssayConfig
        do {
            loaded = try ConfigLoader(registry: BuiltinValidators.registry).load(path: path)
        } catch {
            throw CommandFailure.usage(error.description)
        }
        for warning in loaded.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        return loaded
    }

    /// The pipeline the config describes, with libmagic for sniffing.
    func pipeline() throws -> Pipeline {
        Pipeline(config: try load(), sniffer: BuiltinValidators.sniffer)
    }
}
