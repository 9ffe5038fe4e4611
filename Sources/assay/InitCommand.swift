import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `assay init`: writes a commented starter config.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter config with the shipped defaults and every built-in stage."
    )

    @Argument(help: "Where to write it.")
    var path = "assay.yml"

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        if FileManager.default.fileExists(atPath: path) && !force {
            throw CommandFailure.usage("\(path) exists; use --force to overwrite it")
        }
        let text = StarterConfig.yaml(registry: BuiltinValidators.registry)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CommandFailure.failure("cannot write \(path)")
        }
        output.say("wrote \(path)")
    }
}
