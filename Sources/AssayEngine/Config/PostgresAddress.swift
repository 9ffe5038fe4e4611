import Foundation

/// A PostgreSQL ledger's address, `postgres://USER@HOST:PORT/DATABASE?sslmode=MODE`, with libpq's
/// defaults for what it leaves out (`PGUSER`, `PGHOST`, `PGPORT`, `PGDATABASE`, then the login
/// name, `localhost`, 5432 and the user name). A password in the address is refused: command
/// lines are visible to every user of the machine (`ps`), so the password comes from
/// `PGPASSWORD` or the password file (``PasswordFile``), as libpq reads them.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, with libpq's `sslmode` names.
    public enum TLSMode: String, Sendable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS with the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    /// The role to log in as.
    public var user: String
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The database holding the ledger's tables.
    public var database: String
    /// TLS use.
    public var tls: TLSMode

    /// Parses `text` (see the type's description); `environment` supplies libpq's variables.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LedgerError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw LedgerError("\(text): not a PostgreSQL address; write postgres://USER@HOST:PORT/DATABASE")
        }
        if components.password != nil {
            throw LedgerError("\(Self.redacted(text)): a password does not belong in the address, where `ps` shows it to every user; "
                + "put it in PGPASSWORD or in ~/.pgpass (mode 0600) as HOST:PORT:DATABASE:USER:PASSWORD")
        }
        let login = environment["USER"] ?? "postgres"
        user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"] ?? login
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
        port = components.port ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? user
        var mode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = TLSMode(rawValue: value) else {
                    throw LedgerError("\(text): sslmode must be disable, prefer, require or verify-full")
                }
                mode = parsed
            default:
                throw LedgerError("\(text): unknown parameter \(item.name); the one Assay reads is sslmode")
            }
        }
        tls = mode
    }

    /// The address as a person may see it (there is never a password in it).
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// `text` with anything between `://` and `@` after a colon blanked, for error messages.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
