import ArgumentParser
import AssayCore
import Foundation

/// `--config` and `--ledger` for the commands that read an existing ledger.
struct LedgerOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Option(name: .long, help: "The ledger: a file, sqlite:PATH or postgres://USER@HOST:PORT/DB (default: the one the config names).")
    var ledger: String?

    /// Opens the ledger read only; a missing ledger is a usage error (exit 2) and is not created.
    func open() throws -> Ledger {
        let path = try ledger ?? config.load().ledger
        if case let .sqlite(file)? = try? LedgerAddress(path), !FileManager.default.fileExists(atPath: file) {
            throw CommandFailure.usage("\(file): no ledger there; run `assay run` first")
        }
        do {
            return try Ledger(path: path, readOnly: true)
        } catch {
            throw error.fromNewerAssay ? CommandFailure.usage(error.message) : CommandFailure.failure(error.message)
        }
    }
}
