import ArgumentParser
import AssayCore
import AssayPlugins
import Foundation

/// `--quiet` and `--verbose`, the same on every command. Results (verdict lines, tables, JSON)
/// go to standard output whatever these say; they govern what is said on standard error.
struct OutputOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Say nothing on standard error but errors and warnings.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Say more on standard error: what was read and decided, and where.")
    var verbose = false

    /// With `--quiet`, plugins' standard error is not forwarded either (argument-parser calls
    /// this once the options are parsed).
    func validate() throws {
        if quiet { StageOutput.silence() }
    }

    /// A line of progress or summary, unless `--quiet`.
    func say(_ line: String) {
        if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// A line of detail, only with `--verbose`.
    func detail(_ line: String) {
        if verbose && !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// A warning: always said.
    func warn(_ line: String) {
        FileHandle.standardError.write(Data(("warning: " + TerminalText.escape(line) + "\n").utf8))
    }
}
