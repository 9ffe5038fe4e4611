/// The payload `analyze` hands to `decide`: the hash of the normalised decoded audio.
struct AudioFingerprint: Sendable, Equatable {
    /// SHA-256 from ``PCMHasher``.
    let digest: [UInt8]

    /// The index key: the digest's first 8 bytes, big-endian.
    var key: UInt64 {
        digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
