import AssayCore

/// What `png-check` keeps of an admitted image to find later copies: the exact pixel hash, the
/// perceptual hash under each of the 8 symmetries of the square (so a mirrored or turned copy is
/// found), the mean hash that confirms a match, and the dimensions. Stored in the stage's
/// duplicate index as an 89-byte payload; only the upright perceptual hash is indexed.
public struct PNGFingerprint: StageFingerprint, Equatable {
    /// Hash of the pixels as 8-bit RGBA, with the dimensions.
    public let pixelHash: UInt64
    /// The perceptual hash (pHash of a 32 × 32 grid of mean luma over white) under each
    /// ``PNGSymmetry``, identity first; always 8 values.
    public let symmetricHashes: [UInt64]
    /// 64-bit mean hash of an 8 × 8 grid, upright.
    public let meanHash: UInt64
    /// Width in pixels.
    public let width: UInt32
    /// Height in pixels.
    public let height: UInt32

    /// The upright perceptual hash.
    public var perceptualHash: UInt64 { symmetricHashes[0] }

    private static let version: UInt8 = 2
    private static let payloadBytes = 1 + 8 + 8 * 8 + 8 + 4 + 4
    /// Exact keys have the top bit set; band keys never do, so the two cannot meet.
    private static let exactTag: UInt64 = 1 << 63
    /// Band keys: "ND" in bits 48–63 (top bit clear), the band in bits 16–17, its 16 bits below.
    private static let bandTag: UInt64 = 0x4E44 << 48

    /// Creates a fingerprint. `symmetricHashes` must hold the 8 hashes in ``PNGSymmetry`` order;
    /// fewer are padded with the first (a picture that no symmetry changes).
    public init(pixelHash: UInt64, symmetricHashes: [UInt64], meanHash: UInt64, width: UInt32, height: UInt32) {
        self.pixelHash = pixelHash
        let first = symmetricHashes.first ?? 0
        self.symmetricHashes = Array((symmetricHashes + Array(repeating: first, count: 8)).prefix(8))
        self.meanHash = meanHash
        self.width = width
        self.height = height
    }

    /// A fingerprint with the same perceptual hash under every symmetry.
    public init(pixelHash: UInt64, perceptualHash: UInt64, meanHash: UInt64 = 0, width: UInt32, height: UInt32) {
        self.init(pixelHash: pixelHash, symmetricHashes: [perceptualHash], meanHash: meanHash, width: width, height: height)
    }

    /// Reads bytes written by ``encoded``; nil for anything else.
    public init?(encoded payload: [UInt8]) {
        guard payload.count == Self.payloadBytes, payload[0] == Self.version else { return nil }
        func word(_ at: Int, _ count: Int) -> UInt64 {
            (0..<count).reduce(UInt64(0)) { $0 | UInt64(payload[at + $1]) << (8 * $1) }
        }
        pixelHash = word(1, 8)
        symmetricHashes = (0..<8).map { word(9 + 8 * $0, 8) }
        meanHash = word(73, 8)
        width = UInt32(word(81, 4))
        height = UInt32(word(85, 4))
    }

    /// The stored bytes, little-endian.
    public var encoded: [UInt8] {
        var bytes = [Self.version]
        bytes.reserveCapacity(Self.payloadBytes)
        func put(_ value: UInt64, _ count: Int) {
            for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
        }
        put(pixelHash, 8)
        for hash in symmetricHashes { put(hash, 8) }
        put(meanHash, 8)
        put(UInt64(width), 4)
        put(UInt64(height), 4)
        return bytes
    }

    /// The key that finds images with the same pixels.
    public var exactKey: UInt64? { Self.exactTag | pixelHash }

    /// Same pixels and same size.
    public func isExactCopy(of other: PNGFingerprint) -> Bool { samePixels(as: other) }

    /// The four 16-bit bands of the upright perceptual hash, as keys. Two hashes within Hamming distance 3
    /// share at least one band (pigeonhole), so looking up the four bands finds every such image.
    public var bandKeys: [UInt64] { (0..<4).map { Self.bandKey(band: $0, value: Self.band($0, of: perceptualHash)) } }

    /// Every key stored for this image.
    public var indexKeys: [UInt64] { [Self.exactTag | pixelHash] + bandKeys }

    /// Keys to look up to find every indexed perceptual hash within `distance` bits of this picture under
    /// `symmetry`: within distance d, some band differs in at most d / 4 bits (a multi-index hash), so each
    /// band is probed with every value that close. The work grows with the distance, not the index.
    public func probeKeys(distance: Int, symmetry: PNGSymmetry = .identity) -> [UInt64] {
        let radius = max(0, distance) / 4
        let hash = symmetricHashes[symmetry.rawValue]
        var keys: [UInt64] = []
        for b in 0..<4 {
            for value in Self.neighbours(of: Self.band(b, of: hash), radius: radius) {
                keys.append(Self.bandKey(band: b, value: value))
            }
        }
        return keys
    }

    /// Bits in which two upright perceptual hashes differ.
    public func distance(to other: PNGFingerprint) -> Int { distance(to: other, under: .identity) }

    /// Bits in which this picture under `symmetry` and `other` upright differ, by perceptual hash.
    public func distance(to other: PNGFingerprint, under symmetry: PNGSymmetry) -> Int {
        (symmetricHashes[symmetry.rawValue] ^ other.perceptualHash).nonzeroBitCount
    }

    /// Bits in which this picture under `symmetry` and `other` upright differ, by mean hash.
    public func meanDistance(to other: PNGFingerprint, under symmetry: PNGSymmetry) -> Int {
        (symmetry.apply(toGrid: meanHash) ^ other.meanHash).nonzeroBitCount
    }

    /// Same pixels and same size.
    public func samePixels(as other: PNGFingerprint) -> Bool {
        pixelHash == other.pixelHash && width == other.width && height == other.height
    }

    private static func band(_ b: Int, of hash: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: hash >> (16 * b)) }

    private static func bandKey(band: Int, value: UInt16) -> UInt64 {
        bandTag | UInt64(band) << 16 | UInt64(value)
    }

    /// Every 16-bit value within `radius` bit flips of `value`, `value` first.
    private static func neighbours(of value: UInt16, radius: Int) -> [UInt16] {
        var result = [value]
        var frontier = [(value: value, lowestBit: 16)]
        for _ in 0..<min(radius, 16) {
            var next: [(value: UInt16, lowestBit: Int)] = []
            for item in frontier {
                // Flip only bits below the last one flipped, so each set of flips appears once.
                for bit in 0..<item.lowestBit {
                    let flipped = item.value ^ (1 << UInt16(bit))
                    result.append(flipped)
                    next.append((flipped, bit))
                }
            }
            frontier = next
        }
        return result
    }
}
