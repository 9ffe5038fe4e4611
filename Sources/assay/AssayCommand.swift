import ArgumentParser
import AssayCore

/// The `assay` command: decides which contributed files may enter a shared dataset.
struct AssayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Decide which contributed files (text, PNG, audio) may enter a shared dataset.",
        version: AssayVersion.string,
        subcommands: [RunCommand.self, CheckCommand.self, RunsCommand.self, RankCommand.self, ReportCommand.self, ExportCommand.self, IntakeCommand.self, WorkCommand.self, ServeCommand.self, TokenCommand.self, InitCommand.self, PluginsCommand.self, ReasonsCommand.self]
    )
}
