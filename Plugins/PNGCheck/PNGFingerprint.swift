import AssayCore

/// What `png-check` keeps of an admitted image to find later copies: the exact pixel hash, the
/// 64-bit perceptual hash and the dimensions. Stored in the stage's duplicate index as a 25-byte payload.
public struct PNGFingerprint: StageFingerprint, Equatable {
    /// Hash of the pixels as 8-bit RGBA, with the dimensions.
    public let pixelHash: UInt64
    /// 64-bit perceptual hash (pHash of a 32 × 32 grid of mean luma over white).
    public let perceptualHash: UInt64
    /// Width in pixels.
    public let width: UInt32
    /// Height in pixels.
    public let height: UInt32

    private static let version: UInt8 = 1
    /// Exact keys have the top bit set; band keys never do, so the two cannot meet.
    private static let exactTag: UInt64 = 1 << 63
    /// Band keys: "ND" in bits 48–63 (top bit clear), the band in bits 16–17, its 16 bits below.
    private static let bandTag: UInt64 = 0x4E44 << 48

    /// Creates a fingerprint.
    public init(pixelHash: UInt64, perceptualHash: UInt64, width: UInt32, height: UInt32) {
        self.pixelHash = pixelHash
        self.perceptualHash = perceptualHash
        self.width = width
        self.height = height
    }

    /// Reads bytes written by ``encoded``; nil for anything else.
    public init?(encoded payload: [UInt8]) {
        guard payload.count == 25, payload[0] == Self.version else { return nil }
        func word(_ at: Int, _ count: Int) -> UInt64 {
            (0..<count).reduce(UInt64(0)) { $0 | UInt64(payload[at + $1]) << (8 * $1) }
        }
        pixelHash = word(1, 8)
        perceptualHash = word(9, 8)
        width = UInt32(word(17, 4))
        height = UInt32(word(21, 4))
    }

    /// The stored bytes, little-endian.
    public var encoded: [UInt8] {
        var bytes = [Self.version]
        bytes.reserveCapacity(25)
        func put(_ value: UInt64, _ count: Int) {
            for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
        }
        put(pixelHash, 8)
        put(perceptualHash, 8)
        put(UInt64(width), 4)
        put(UInt64(height), 4)
        return bytes
    }

    /// The key that finds images with the same pixels.
    public var exactKey: UInt64? { Self.exactTag | pixelHash }

    /// Same pixels and same size.
    public func isExactCopy(of other: PNGFingerprint) -> Bool { samePixels(as: other) }

    /// The four 16-bit bands of the perceptual hash, as keys. Two hashes within Hamming distance 3 share at
    /// least one band (pigeonhole), so looking up the four bands finds every such image.
    public var bandKeys: [UInt64] { (0..<4).map { Self.bandKey(band: $0, value: band($0)) } }

    /// Every key stored for this image.
    public var indexKeys: [UInt64] { [Self.exactTag | pixelHash] + bandKeys }

    /// Keys to look up to find every indexed perceptual hash within `distance` bits: within distance d, some
    /// band differs in at most d / 4 bits, so each band is probed with every value that close.
    public func probeKeys(distance: Int) -> [UInt64] {
        let radius = max(0, distance) / 4
        var keys: [UInt64] = []
        for b in 0..<4 {
            for value in Self.neighbours(of: band(b), radius: radius) {
                keys.append(Self.bandKey(band: b, value: value))
            }
        }
        return keys
    }

    /// Bits in which two perceptual hashes differ.
    public func distance(to other: PNGFingerprint) -> Int { (perceptualHash ^ other.perceptualHash).nonzeroBitCount }

    /// Same pixels and same size.
    public func samePixels(as other: PNGFingerprint) -> Bool {
        pixelHash == other.pixelHash && width == other.width && height == other.height
    }

    private func band(_ b: Int) -> UInt16 { UInt16(truncatingIfNeeded: perceptualHash >> (16 * b)) }

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
