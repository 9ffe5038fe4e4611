import AssayKit
import Crypto

/// What `analyze` hands to `decide` for one text, and what the index keeps for an accepted one.
public struct TextFingerprint: StageFingerprint, Equatable {
    /// SHA-256 of the normalised text.
    public var hash: [UInt8]
    /// The MinHash signature; empty when the text has no words.
    public var signature: [UInt32]
    /// One LSH key per band of the signature; empty when the text has no words.
    public var bandKeys: [UInt64]
    /// Words per shingle the signature was made with.
    public var shingleSize: Int

    /// Creates a fingerprint.
    public init(hash: [UInt8], signature: [UInt32], bandKeys: [UInt64], shingleSize: Int) {
        self.hash = hash
        self.signature = signature
        self.bandKeys = bandKeys
        self.shingleSize = shingleSize
    }

    /// The index key for exact copies: the first 8 bytes of the hash (the fingerprint holds all 32).
    public var exactKey: UInt64? {
        hash.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Same normalised text: the full hashes are equal.
    public func isExactCopy(of other: TextFingerprint) -> Bool { hash == other.hash }

    /// The exact key and every band key.
    public var indexKeys: [UInt64] { (exactKey.map { [$0] } ?? []) + bandKeys }

    /// Payload layout version (2 appends the band keys).
    static let version: UInt8 = 2

    /// The stored form: version, shingle size, signature length (2 bytes), the 32-byte hash, the
    /// signature as little-endian 32-bit values, then the band keys as little-endian 64-bit
    /// values. 36 + 4 × permutations + 8 × bands bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.version, UInt8(clamping: shingleSize),
                              UInt8(truncatingIfNeeded: signature.count), UInt8(truncatingIfNeeded: signature.count >> 8)]
        bytes.reserveCapacity(36 + 4 * signature.count)
        bytes.append(contentsOf: hash)
        for value in signature {
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            bytes.append(UInt8(truncatingIfNeeded: value >> 16))
            bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        }
        for key in bandKeys {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: key >> UInt64(shift))) }
        }
        return bytes
    }

    /// Reads ``encoded`` back; nil when the bytes are not one of ours.
    public init?(encoded bytes: [UInt8]) {
        guard bytes.count >= 36, bytes[0] == Self.version else { return nil }
        let count = Int(bytes[2]) | Int(bytes[3]) << 8
        let keyBytes = bytes.count - 36 - 4 * count
        guard keyBytes >= 0, keyBytes % 8 == 0 else { return nil }
        hash = Array(bytes[4..<36])
        var signature: [UInt32] = []
        signature.reserveCapacity(count)
        var offset = 36
        for _ in 0..<count {
            signature.append(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
            offset += 4
        }
        self.signature = signature
        var keys: [UInt64] = []
        keys.reserveCapacity(keyBytes / 8)
        while offset + 8 <= bytes.count {
            keys.append((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << UInt64(8 * $1) })
            offset += 8
        }
        bandKeys = keys
        shingleSize = Int(bytes[1])
    }

    /// SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }
}
