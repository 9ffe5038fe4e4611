import Crypto

/// What `analyze` hands to `decide` for one text, and what the index keeps for an accepted one.
public struct TextFingerprint: Sendable, Equatable {
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

    /// The index key for exact copies: the first 8 bytes of the hash (the payload holds all 32).
    public var exactKey: UInt64 {
        hash.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Payload layout version.
    static let version: UInt8 = 1

    /// The index payload: version, shingle size, signature length (2 bytes), the 32-byte hash,
    /// then the signature as little-endian 32-bit values. 36 + 4 × permutations bytes.
    public var payload: [UInt8] {
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
        return bytes
    }

    /// Reads a payload back (band keys are not in it); nil when it is not one of ours.
    public init?(payload bytes: [UInt8]) {
        guard bytes.count >= 36, bytes[0] == Self.version else { return nil }
        let count = Int(bytes[2]) | Int(bytes[3]) << 8
        guard bytes.count == 36 + 4 * count else { return nil }
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
        bandKeys = []
        shingleSize = Int(bytes[1])
    }

    /// SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }
}
