import AssayKit

/// What `png-check` keeps of an admitted image to find later copies: the exact pixel hash, the
/// perceptual hash under each of the 8 symmetries of the square (so a mirrored or turned copy is
/// found), the mean hash that confirms a match, and the dimensions. Stored in the stage's
/// duplicate index as an 89-byte payload; only the upright perceptual hash is indexed.
public struct ImageFingerprint: StageFingerprint, Equatable {
    /// Hash of the pixels as 8-bit RGBA, with the dimensions.
    public let pixelHash: UInt64
    /// The perceptual hash (pHash of a 32 × 32 grid of mean luma over white) under each
    /// ``ImageSymmetry``, identity first; always 8 values.
    public let symmetricHashes: [UInt64]
    /// 64-bit mean hash of an 8 × 8 grid, upright.
    public let meanHash: UInt64
    /// Perceptual hash of the central 90% × 90%: near the upright hash of a centred crop.
    public let innerHash: UInt64
    /// Width in pixels.
    public let width: UInt32
    /// Height in pixels.
    public let height: UInt32

    /// The upright perceptual hash.
    public var perceptualHash: UInt64 { symmetricHashes[0] }

    private static let version: UInt8 = 3
    private static let payloadBytes = 1 + 8 + 8 * 8 + 8 + 4 + 4 + 8
    /// Exact keys have the top bit set; band keys never do, so the two cannot meet.
    private static let exactTag: UInt64 = 1 << 63
    /// Band keys: "ND" in bits 48–63 (top bit clear), the band in bits 24–25, its bits below.
    private static let bandTag: UInt64 = 0x4E44 << 48
    /// Inner-hash band keys: "NC" in bits 48–63, laid out as band keys.
    private static let innerTag: UInt64 = 0x4E43 << 48

    /// Creates a fingerprint. `symmetricHashes` must hold the 8 hashes in ``ImageSymmetry`` order;
    /// fewer are padded with the first (a picture that no symmetry changes).
    public init(pixelHash: UInt64, symmetricHashes: [UInt64], meanHash: UInt64, innerHash: UInt64? = nil, width: UInt32, height: UInt32) {
        self.pixelHash = pixelHash
        let first = symmetricHashes.first ?? 0
        self.symmetricHashes = Array((symmetricHashes + Array(repeating: first, count: 8)).prefix(8))
        self.meanHash = meanHash
        self.innerHash = innerHash ?? first
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
            var value: UInt64 = 0
            for i in 0..<count { value |= UInt64(payload[at + i]) << UInt64(8 * i) }
            return value
        }
        pixelHash = word(1, 8)
        symmetricHashes = (0..<8).map { word(9 + 8 * $0, 8) }
        meanHash = word(73, 8)
        width = UInt32(word(81, 4))
        height = UInt32(word(85, 4))
        innerHash = word(89, 8)
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
        put(innerHash, 8)
        return bytes
    }

    /// The key that finds images with the same pixels.
    public var exactKey: UInt64? { Self.exactTag | pixelHash }

    /// Same pixels and same size.
    public func isExactCopy(of other: ImageFingerprint) -> Bool { samePixels(as: other) }

    /// The three bands of the upright perceptual hash (bits 0–20, 21–41, 42–63), as keys. Two hashes
    /// within Hamming distance d share a band to within d / 3 bits (pigeonhole), so probing each band
    /// with its near values finds every such image: a multi-index hash. 21-bit bands keep a bucket
    /// under one image on average up to two million images, so the candidates stay few as the index grows.
    public var bandKeys: [UInt64] { Self.keys(of: perceptualHash) }

    /// Every key stored for this image: the exact key, the bands of the upright hash, and the bands
    /// of the inner hash under their own tag (so the wide upright probes never meet them).
    public var indexKeys: [UInt64] { [Self.exactTag | pixelHash] + bandKeys + Self.keys(of: innerHash, tag: Self.innerTag) }

    /// Band-exact probes for crops: this picture's upright bands among the inner-hash keys (an earlier
    /// picture this one is a crop of), and its inner bands among the upright keys (an earlier crop of it).
    public var cropProbeKeys: [UInt64] { Self.keys(of: perceptualHash, tag: Self.innerTag) + Self.keys(of: innerHash) }

    /// Bits between this picture under `symmetry` and `other`, the closer of its upright and inner
    /// readings; and between their inner and upright hashes either way (crops), upright only.
    public func closestDistance(to other: ImageFingerprint, under symmetry: ImageSymmetry) -> (bits: Int, crop: Bool) {
        let direct = distance(to: other, under: symmetry)
        guard symmetry == .identity else { return (direct, false) }
        let crop = min((perceptualHash ^ other.innerHash).nonzeroBitCount, (innerHash ^ other.perceptualHash).nonzeroBitCount)
        return crop < direct ? (crop, true) : (direct, false)
    }

    private static func keys(of hash: UInt64, tag: UInt64 = bandTag) -> [UInt64] {
        bands.indices.map { bandKey(band: $0, value: band($0, of: hash), tag: tag) }
    }

    /// Keys to look up to find every indexed perceptual hash within `distance` bits of this picture under
    /// `symmetry`: each band probed with every value within distance / 3 bits. The work grows with the
    /// distance, not with the index. `exactBands` probes each band with its own value only: found
    /// when one band is unchanged, as it is for a mirror or turn of the same file.
    public func probeKeys(distance: Int, symmetry: ImageSymmetry = .identity, exactBands: Bool = false) -> [UInt64] {
        let radius = exactBands ? 0 : max(0, distance) / Self.bands.count
        let hash = symmetricHashes[symmetry.rawValue]
        var keys: [UInt64] = []
        for b in Self.bands.indices {
            for value in Self.neighbours(of: Self.band(b, of: hash), width: Self.bands[b].width, radius: radius) {
                keys.append(Self.bandKey(band: b, value: value))
            }
        }
        return keys
    }

    /// Bits in which two upright perceptual hashes differ.
    public func distance(to other: ImageFingerprint) -> Int { distance(to: other, under: .identity) }

    /// Bits in which this picture under `symmetry` and `other` upright differ, by perceptual hash.
    public func distance(to other: ImageFingerprint, under symmetry: ImageSymmetry) -> Int {
        (symmetricHashes[symmetry.rawValue] ^ other.perceptualHash).nonzeroBitCount
    }

    /// Bits in which this picture under `symmetry` and `other` upright differ, by mean hash.
    public func meanDistance(to other: ImageFingerprint, under symmetry: ImageSymmetry) -> Int {
        (symmetry.apply(toGrid: meanHash) ^ other.meanHash).nonzeroBitCount
    }

    /// Same pixels and same size.
    public func samePixels(as other: ImageFingerprint) -> Bool {
        pixelHash == other.pixelHash && width == other.width && height == other.height
    }

    /// Bit offset and width of each band.
    private static let bands: [(shift: Int, width: Int)] = [(0, 21), (21, 21), (42, 22)]

    private static func band(_ b: Int, of hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> UInt64(bands[b].shift)) & ((1 << UInt32(bands[b].width)) - 1)
    }

    private static func bandKey(band: Int, value: UInt32, tag: UInt64 = bandTag) -> UInt64 {
        tag | UInt64(band) << 24 | UInt64(value)
    }

    /// Every `width`-bit value within `radius` bit flips of `value`, `value` first.
    private static func neighbours(of value: UInt32, width: Int, radius: Int) -> [UInt32] {
        var result = [value]
        var frontier = [(value: value, lowestBit: width)]
        for _ in 0..<min(radius, width) {
            var next: [(value: UInt32, lowestBit: Int)] = []
            for item in frontier {
                // Flip only bits below the last one flipped, so each set of flips appears once.
                for bit in 0..<item.lowestBit {
                    let flipped = item.value ^ (1 << UInt32(bit))
                    result.append(flipped)
                    next.append((flipped, bit))
                }
            }
            frontier = next
        }
        return result
    }
}
