import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `--config`, shared by the commands that read a config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: ./assay.yml if it exists, else the built-in defaults).")
    var config: String?

    /// Loads the config; a config error prints FILE:LINE:COLUMN and exits with 2.
    func load() throws -> AssayConfig {
        let loader = ConfigLoader(registry: BuiltinValidators.registry)
        do {
            if let config { return try loader.load(path: config) }
            if FileManager.default.fileExists(atPath: "assay.yml") { return try loader.load(path: "assay.yml") }
            return try loader.defaults(directory: FileManager.default.currentDirectoryPath)
        } catch {
            fail(error.description)
        }
    }
}

/// Prints `message` on standard error and exits with 2 (usage or config error).
func fail(_ message: String, code: Int32 = 2) -> Never {
    let text = message.hasPrefix("Error:") || message.hasPrefix("Usage:") ? message : "assay: " + message
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(code)
}
