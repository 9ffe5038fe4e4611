import AssayCore

/// What `audio-check` remembers of a file to find later copies: the hash of the normalised
/// decoded audio (``PCMHasher``), so a WAV and its FLAC copy match.
public struct AudioFingerprint: StageFingerprint, Equatable {
    /// SHA-256 from ``PCMHasher``.
    let digest: [UInt8]

    /// Wraps a digest.
    init(digest: [UInt8]) {
        self.digest = digest
    }

    /// The 32 digest bytes.
    public var encoded: [UInt8] { digest }

    /// Reads ``encoded`` back; nil unless it is 32 bytes.
    public init?(encoded: [UInt8]) {
        guard encoded.count == 32 else { return nil }
        digest = encoded
    }

    /// The index key: the digest's first 8 bytes, big-endian.
    public var exactKey: UInt64? {
        digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The whole digest is equal.
    public func isExactCopy(of other: AudioFingerprint) -> Bool { digest == other.digest }

    /// Filed under its exact key only.
    public var indexKeys: [UInt64] { exactKey.map { [$0] } ?? [] }
}
