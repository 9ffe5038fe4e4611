import AssayKit

/// Sniffs MIME types and character sets with libmagic, the same database `file --mime` uses.
public struct LibMagicSniffer: MIMESniffer {
    private let pool = MagicPool()

    /// A sniffer with an empty cookie pool; cookies open on first use, one per concurrent thread.
    public init() {}

    /// The MIME type of `bytes`, as `file --mime-type` would print it.
    public func mimeType(of bytes: [UInt8]) throws(StageFailure) -> String {
        try sniff(bytes).type
    }

    /// The MIME type and character set of `bytes`, as `file --mime` would print them.
    public func sniff(_ bytes: [UInt8]) throws(StageFailure) -> SniffedType {
        SniffedType(mime: try pool.withHandle { handle throws(StageFailure) in try handle.mime(of: bytes) })
    }
}
