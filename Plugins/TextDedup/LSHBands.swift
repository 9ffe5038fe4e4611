import Foundation

/// Locality-sensitive hashing by banding: a signature of `bands × rows` values is cut into
/// `bands` bands of `rows` values, and each band is hashed to one 64-bit key. Two texts become
/// candidates when any band agrees in all its rows, which for Jaccard similarity s happens with
/// probability 1 − (1 − s^rows)^bands (the S-curve; see ``TextDedupOptions``).
public struct LSHBands: Sendable {
    /// Bands per signature.
    public let bands: Int
    /// Signature values per band.
    public let rows: Int

    /// Banding of `bands` bands with `rows` rows each.
    public init(bands: Int, rows: Int) {
        self.bands = max(1, bands)
        self.rows = max(1, rows)
    }

    /// One key per band of `signature` (which has `bands × rows` values); none when it is empty.
    public func keys(of signature: [UInt32]) -> [UInt64] {
        guard signature.count == bands * rows else { return [] }
        var keys: [UInt64] = []
        keys.reserveCapacity(bands)
        for band in 0..<bands {
            // The band number is hashed in, so equal values in different bands do not meet.
            var h = UInt64(band) &* 0x9E37_79B9_7F4A_7C15 ^ 0x6C62_272E_07BB_0142
            for row in 0..<rows {
                h = (h ^ UInt64(signature[band * rows + row])) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
            keys.append(WordHasher.mix(h))
        }
        return keys
    }

    /// The probability that two texts of Jaccard similarity `s` share at least one band.
    public func candidateProbability(similarity s: Double) -> Double {
        1 - Foundation.pow(1 - Foundation.pow(s, Double(rows)), Double(bands))
    }
}
