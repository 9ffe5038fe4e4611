import ArgumentParser
import Foundation

// Usage and config errors exit with 2 (argument-parser's default for them is 64).
do {
    var command = try AssayCommand.parseAsRoot()
    try command.run()
} catch {
    let code = AssayCommand.exitCode(for: error)
    if code == .validationFailure {
        fail(AssayCommand.fullMessage(for: error))
    }
    AssayCommand.exit(withError: error)
}
