import Foundation

/// What a sniffer made of a file's bytes: its MIME type and, when the sniffer tells it, the
/// character set (libmagic's names: `us-ascii`, `utf-8`, `utf-16le`, `iso-8859-1`,
/// `unknown-8bit`, `binary`).
public struct SniffedType: Sendable, Equatable {
    /// The MIME type without parameters (`text/plain`).
    public var type: String
    /// The character set, lower case; nil when the sniffer does not tell it.
    public var charset: String?

    /// A sniffed type.
    public init(type: String, charset: String?) {
        self.type = type
        self.charset = charset
    }

    /// Parses `file --mime` output: `text/plain; charset=utf-8`.
    public init(mime: String) {
        let parts = mime.split(separator: ";", maxSplits: 1)
        type = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? mime
        charset = nil
        if parts.count == 2 {
            let parameter = parts[1].trimmingCharacters(in: .whitespaces)
            if parameter.lowercased().hasPrefix("charset=") { charset = String(parameter.dropFirst(8)).lowercased() }
        }
    }
}
