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

    /// A usage error (exit 2) when `output` would overwrite the ledger, its WAL files, the
    /// config, the manifest, or land inside a folder the ledger judges (``OutputGuard``).
    func guardOutput(_ output: String, what: String, ledger: Ledger) throws {
        let config = try? self.config.load()
        let folders: [String]
        do {
            folders = try ledger.sources().filter { $0.kind == .folder }.map(\.path)
        } catch {
            throw CommandFailure.failure(error.message)
        }
        do {
            try OutputGuard.check(output, what: what, ledger: self.ledger ?? config?.ledger ?? ledger.path, config: config?.source,
                                  manifest: config?.manifest, roots: folders)
        } catch {
            switch error {
            case let .usage(message): throw CommandFailure.usage(message)
            case let .failure(message): throw CommandFailure.failure(message)
            }
        }
    }
}
