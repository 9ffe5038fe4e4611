import ArgumentParser
import AssayCore
import AssayPlugins

/// `assay reasons [CODE]`: the table of every reason code (docs/reasons.md is this output), or
/// one code explained.
struct ReasonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reasons",
        abstract: "Print the Markdown table of every reason code, its meaning and its fix; or explain one code.",
        discussion: "Exit 2 when CODE is not a known code (a former name of a renamed code is known)."
    )

    @Argument(help: "A reason code to explain (text.dup_exact); without it, the whole table.")
    var code: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let registry = BuiltinValidators.registry
        guard let code else {
            print(ReasonTable.markdown(registry: registry), terminator: "")
            return
        }
        guard let found = registry.reasonCodes.first(where: { $0.answers(to: code) }) else {
            let suggestion = Suggestion.closest(to: code, in: registry.reasonCodes.map(\.code)).map { " (did you mean '\($0)'?)" } ?? ""
            throw CommandFailure.usage("'\(code)' is not a reason code\(suggestion); `assay reasons` lists them all")
        }
        let stage = registry.types.first { type in type.reasonCodes.contains(found) }?.name
            ?? (found.code.hasPrefix("quota.") ? "quota" : "intake")
        var text = "\(found.code) (\(stage))"
        if found.code != code { text += ", formerly \(code)" }
        text += "\n  means:    \(found.meaning)\n  fix:      \(found.hint)"
        if let note = found.curatorNote { text += "\n  curators: \(note)" }
        print(text)
    }
}
