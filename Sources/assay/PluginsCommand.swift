import ArgumentParser
import AssayCore
import AssayPlugins

/// `assay plugins`: every validator with its modalities, options and reason codes, read from the types.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List every validator with its modalities, options (type, default, help) and reason codes.",
        discussion: "With --markdown, the options reference docs/options.md is this output."
    )

    @Flag(help: "Print the Markdown reference of every validator and its options (docs/options.md).")
    var markdown = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        if markdown {
            print(OptionsReference.markdown(registry: BuiltinValidators.registry), terminator: "")
            return
        }
        for type in BuiltinValidators.registry.types {
            print("\(type.name)  [\(type.modalities.sorted().map(\.rawValue).joined(separator: ", "))]")
            print("  \(type.summary)")
            let options = type.optionDescriptions
            if !options.isEmpty {
                print("  options:")
                let nameWidth = options.map(\.name.count).max() ?? 0
                let typeWidth = options.map(\.type.count).max() ?? 0
                let defaultWidth = options.map(\.defaultValue.yaml.count).max() ?? 0
                for option in options {
                    print("    " + pad(option.name, nameWidth) + "  " + pad(option.type, typeWidth) + "  "
                          + pad(option.defaultValue.yaml, defaultWidth) + "  " + option.help)
                }
            }
            print("  reasons: " + type.reasonCodes.map(\.code).joined(separator: ", "))
            print("")
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
