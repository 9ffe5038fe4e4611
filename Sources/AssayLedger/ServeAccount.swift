import AssayEngine
import Foundation

/// An account of `assay serve`: the contributor name its token speaks for, whether it may use
/// the curator's endpoints, and when it was made and revoked. The token itself is never stored:
/// only its SHA-256 (``Ledger/addAccount(name:curator:tokenHash:at:)``).
public struct ServeAccount: Sendable, Equatable {
    /// The contributor name the server files uploads under (one person, one name: no other
    /// account's name reads the same, see ``ContributorName``).
    public let name: String
    /// True for a curator (runs, report, export, tokens).
    public let curator: Bool
    /// When the account was made, seconds since 1970 UTC.
    public let createdAt: Int64
    /// When it was revoked, or nil while its token works.
    public let revokedAt: Int64?

    /// An account as stored.
    public init(name: String, curator: Bool, createdAt: Int64, revokedAt: Int64?) {
        self.name = name
        self.curator = curator
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Why an account cannot be made or revoked, in words for the curator who typed the command.
public struct AccountError: Error, Sendable, CustomStringConvertible {
    /// One line: what is wrong with which name.
    public let message: String
    /// True when the ledger itself failed (exit 1) rather than the request (exit 2).
    public let ledgerFailure: Bool

    /// An error with its message.
    public init(_ message: String, ledgerFailure: Bool = false) {
        self.message = message
        self.ledgerFailure = ledgerFailure
    }

    /// The message.
    public var description: String { message }
}

extension Ledger {
    /// Stores a new account for `name` with the SHA-256 of its token. The name must be usable as
    /// a contributor name and read unlike every other account's name and every contributor the
    /// ledger has seen under another spelling (one person, one name); revoked names stay taken.
    public func addAccount(name: String, curator: Bool, tokenHash: String, at time: Int64) throws(AccountError) {
        let judged: ContributorName
        switch ContributorName.judge(name) {
        case let .failure(problem): throw AccountError("'\(name)' cannot name a contributor: \(problem.message)")
        case let .success(value): judged = value
        }
        var clash: String?
        do {
            try write("add an account") { db in
                if let row = try db.fetchOne("SELECT name FROM serve_tokens WHERE skeleton = ?", [judged.skeleton]) {
                    clash = try row["name"] as String
                    return
                }
                if let row = try db.fetchOne("SELECT name FROM contributor_names WHERE skeleton = ?", [judged.skeleton]),
                   try row["name"] as String != name {
                    clash = try row["name"] as String
                    return
                }
                try db.execute("INSERT INTO serve_tokens(name, skeleton, hash, curator, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)",
                               [name, judged.skeleton, tokenHash, curator ? 1 : 0, time])
            }
        } catch {
            throw AccountError(error.message, ledgerFailure: true)
        }
        if let clash {
            throw AccountError(clash == name ? "'\(name)' already has an account (revoke it first? a revoked name stays taken)"
                : "'\(name)' reads the same as '\(clash)', who already has that name: one person, one name")
        }
    }

    /// Revokes `name`'s token at `time`: from then on it is refused (401). The name stays taken.
    public func revokeAccount(name: String, at time: Int64) throws(AccountError) {
        let changed: Int
        do {
            changed = try write("revoke an account") { db in
                try db.execute("UPDATE serve_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", [time, name])
            }
        } catch {
            throw AccountError(error.message, ledgerFailure: true)
        }
        if changed == 0 { throw AccountError("'\(name)': no account with a working token has that name (see `assay token list`)") }
    }

    /// The working account whose token hashes to `tokenHash`, or nil (unknown or revoked).
    public func account(tokenHash: String) throws(LedgerError) -> ServeAccount? {
        try read("look up a token") { db in
            try db.fetchOne("SELECT name, curator, created_at, revoked_at FROM serve_tokens WHERE hash = ? AND revoked_at IS NULL", [tokenHash])
                .map(Self.account)
        }
    }

    /// Every account, by name (bytes).
    public func accounts() throws(LedgerError) -> [ServeAccount] {
        try read("list the accounts") { db in
            try db.fetchAll("SELECT name, curator, created_at, revoked_at FROM serve_tokens ORDER BY name").map(Self.account)
        }
    }

    private static func account(_ row: SQLRow) throws -> ServeAccount {
        ServeAccount(name: try row["name"], curator: try row["curator"] as Int64 != 0, createdAt: try row["created_at"],
                     revokedAt: try row["revoked_at"])
    }
}
