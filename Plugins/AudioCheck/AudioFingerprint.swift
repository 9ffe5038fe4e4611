import AssayKit

/// What `audio-check` remembers of a file to find later copies: the hash of the normalised
/// decoded audio (``PCMHasher``), so a WAV and its FLAC copy match exactly, and the Chromaprint
/// fingerprint (``AcousticPrint``), so its MP3 or Ogg copy matches nearly.
///
/// Stored as version byte 2, the 32 digest bytes, then the raw items (4 bytes each,
/// little-endian). The 32 bare digest bytes of version 1, written before near duplicates were
/// checked, still read back, with no acoustic print.
public struct AudioFingerprint: StageFingerprint, Equatable {
    /// SHA-256 from ``PCMHasher``: 32 bytes.
    let digest: [UInt8]
    /// The Chromaprint fingerprint; nil when near duplicates are not checked or the audio gave
    /// none (shorter than about 2.6 s).
    let acoustic: AcousticPrint?

    private static let version: UInt8 = 2

    /// Wraps a digest and, when there is one, an acoustic print.
    init(digest: [UInt8], acoustic: AcousticPrint? = nil) {
        self.digest = digest
        self.acoustic = acoustic
    }

    /// Version 2: the version byte, the digest, the items.
    public var encoded: [UInt8] {
        var bytes = [Self.version] + digest
        let items = acoustic?.items ?? []
        bytes.reserveCapacity(bytes.count + 4 * items.count)
        for item in items {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: item >> UInt32(shift))) }
        }
        return bytes
    }

    /// Reads ``encoded`` back (or a version 1 digest); nil for anything else.
    public init?(encoded: [UInt8]) {
        if encoded.count == 32 {
            self.init(digest: encoded)
            return
        }
        guard encoded.count >= 33, encoded[0] == Self.version, (encoded.count - 33) % 4 == 0 else { return nil }
        let digest = Array(encoded[1..<33])
        var items: [UInt32] = []
        items.reserveCapacity((encoded.count - 33) / 4)
        var index = 33
        while index < encoded.count {
            var item: UInt32 = 0
            for byte in 0..<4 { item |= UInt32(encoded[index + byte]) << UInt32(8 * byte) }
            items.append(item)
            index += 4
        }
        self.init(digest: digest, acoustic: items.isEmpty ? nil : AcousticPrint(items: items))
    }

    /// The index key: the digest's first 8 bytes, big-endian.
    public var exactKey: UInt64? {
        digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The whole digest is equal.
    public func isExactCopy(of other: AudioFingerprint) -> Bool { digest == other.digest }

    /// Filed under its exact key and, when its acoustic print is distinctive, the print's keys.
    public var indexKeys: [UInt64] {
        let near = acoustic.flatMap { $0.isDistinctive ? $0.indexKeys : nil } ?? []
        return (exactKey.map { [$0] } ?? []) + near
    }
}
