import ArgumentParser
import Foundation

// Every error is mapped to its exit code here and only here. Usage and config errors exit with 2
// (argument-parser's default for them is 64).
do {
    // `-V` is the short form of `--version`, as in most tools.
    let arguments = Array(CommandLine.arguments.dropFirst()).map { $0 == "-V" ? "--version" : $0 }
    var command = try AssayCommand.parseAsRoot(arguments)
    try command.run()
} catch let failure as CommandFailure {
    failure.report()
    exit(failure.code)
} catch {
    let code = AssayCommand.exitCode(for: error)
    if code == .validationFailure {
        CommandFailure.usage(AssayCommand.fullMessage(for: error)).report()
        exit(2)
    }
    AssayCommand.exit(withError: error)
}
