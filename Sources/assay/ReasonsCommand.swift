import ArgumentParser
import AssayCore
import AssayPlugins

/// `assay reasons`: the table of every reason code (docs/reasons.md is this output).
struct ReasonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reasons",
        abstract: "Print the Markdown table of every reason code, its meaning and its fix."
    )

    func run() throws {
        print(ReasonTable.markdown(registry: BuiltinValidators.registry), terminator: "")
    }
}
