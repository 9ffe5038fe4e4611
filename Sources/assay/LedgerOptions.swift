import ArgumentParser
import AssayCore
import Foundation

/// `--config` and `--ledger` for the commands that read an existing ledger.
struct LedgerOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Option(name: .long, help: "The ledger database (default: the one the config names).")
    var ledger: String?

    /// Opens the ledger; a missing ledger is a usage error (exit 2).
    func open() throws -> Ledger {
        let path = try ledger ?? config.load().ledger
        guard FileManager.default.fileExists(atPath: path) else { fail("\(path): no ledger there; run `assay run` first") }
        do {
            return try Ledger(path: path)
        } catch {
            fail(error.message, code: 1)
        }
    }
}
