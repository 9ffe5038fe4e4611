import Foundation

/// libpq's password file (`PGPASSFILE`, else `~/.pgpass`): lines `HOST:PORT:DATABASE:USER:PASSWORD`,
/// `*` matching anything, `\:` and `\\` escaping, `#` starting a comment; the first matching
/// line wins. As libpq does, a file that group or others can read is ignored with a warning.
public struct PasswordFile: Sendable {
    private let entries: [[String]]

    /// The entries of the file text `text`.
    public init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(line)
            return fields.count == 5 ? fields : nil
        }
    }

    /// The password for `address`, if a line matches.
    public func password(for address: PostgresAddress) -> String? {
        let wanted = [address.host, String(address.port), address.database, address.user]
        for entry in entries where zip(entry.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
            return entry[4]
        }
        return nil
    }

    /// The password for `address`: `PGPASSWORD`, else the password file's matching line.
    /// `warn` hears why a password file was ignored.
    public static func lookUp(_ address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment,
                              warn: (String) -> Void) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let path = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        guard let status = FileStatus(path: path, followLinks: true), status.kind == .regular else { return nil }
        guard status.permissions & 0o077 == 0 else {
            warn("assay: password file \(path) has group or world access and is ignored; permissions should be u=rw (0600) or less")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return PasswordFile(text: String(decoding: data, as: UTF8.self)).password(for: address)
    }

    /// Splits a line on unescaped colons, undoing `\:` and `\\`.
    private static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
