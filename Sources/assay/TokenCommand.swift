import ArgumentParser
import AssayCore
import AssayServer
import Foundation

/// `assay token`: the accounts of `assay serve`, kept in the server's accounts ledger.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, revoke and list the tokens contributors and curators use with `assay serve`.",
        subcommands: [TokenAddCommand.self, TokenRevokeCommand.self, TokenListCommand.self]
    )
}

/// `--config`/`--ledger` naming the accounts ledger (the ledger `assay serve --accounts` uses:
/// by default the first datanet's).
struct AccountsOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Option(name: .long, help: "The accounts ledger: a file, sqlite:PATH or postgres://USER@HOST:PORT/DB (default: the config's ledger).")
    var ledger: String?

    /// Opens (creating or migrating) the accounts ledger.
    func open() throws -> Ledger {
        let path = try ledger ?? config.load().ledger
        do {
            return try Ledger(path: path)
        } catch {
            throw error.fromNewerAssay ? CommandFailure.usage(error.message) : CommandFailure.failure(error.message)
        }
    }
}

/// `assay token add NAME [--curator]`: prints a new token once; only its SHA-256 is stored.
struct TokenAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make an account and print its token (shown once: only its hash is kept).",
        discussion: """
            NAME is the contributor name the server files this account's uploads under. It follows the rule of folder \
            names: one person, one name (a name that reads the same as another account's, or as a contributor the ledger \
            has seen under another spelling, is refused), and a revoked name stays taken. Exit 2 for a refused name.
            """
    )

    @OptionGroup var options: AccountsOptions

    @Flag(name: .long, help: "A curator's account: runs, the report, the export and the token list over HTTP.")
    var curator = false

    @Argument(help: "The contributor name.")
    var name: String

    func run() throws {
        guard !name.hasPrefix("."), !name.contains("/"), !name.contains("\\") else {
            throw CommandFailure.usage("'\(name)': a contributor name is a folder name: no '/' or '\\', and no leading '.'")
        }
        let ledger = try options.open()
        let token = TokenMint.newToken()
        do {
            try ledger.addAccount(name: name, curator: curator, tokenHash: TokenMint.hash(token), at: Int64(Date().timeIntervalSince1970))
        } catch {
            throw error.ledgerFailure ? CommandFailure.failure(error.message) : CommandFailure.usage(error.message)
        }
        print(token)
    }
}

/// `assay token revoke NAME`: the token stops working at once; the name stays taken.
struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an account's token (the name stays taken).")

    @OptionGroup var options: AccountsOptions

    @Argument(help: "The contributor name.")
    var name: String

    func run() throws {
        do {
            try options.open().revokeAccount(name: name, at: Int64(Date().timeIntervalSince1970))
        } catch let error as AccountError {
            throw error.ledgerFailure ? CommandFailure.failure(error.message) : CommandFailure.usage(error.message)
        }
    }
}

/// `assay token list`: every account (tokens are never shown again).
struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts: name, role, made, revoked.")

    @OptionGroup var options: AccountsOptions

    func run() throws {
        let accounts: [ServeAccount]
        do {
            accounts = try options.open().accounts()
        } catch let error as LedgerError {
            throw CommandFailure.failure(error.message)
        }
        for account in accounts {
            print([TerminalText.escape(account.name), account.curator ? "curator" : "contributor", RFC3339.format(account.createdAt),
                   account.revokedAt.map { "revoked " + RFC3339.format($0) } ?? "active"].joined(separator: "\t"))
        }
    }
}
