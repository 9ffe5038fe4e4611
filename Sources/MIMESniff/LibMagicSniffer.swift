import AssayCore

/// Sniffs MIME types with libmagic, the same database `file --mime-type` uses.
public struct LibMagicSniffer: MIMESniffer {
    private let pool = MagicPool()

    /// A sniffer with an empty cookie pool; cookies open on first use, one per concurrent thread.
    public init() {}

    /// The MIME type of `bytes`, as `file --mime-type` would print it.
    public func mimeType(of bytes: [UInt8]) throws(StageFailure) -> String {
        try pool.withHandle { handle throws(StageFailure) in try handle.mimeType(of: bytes) }
    }
}
