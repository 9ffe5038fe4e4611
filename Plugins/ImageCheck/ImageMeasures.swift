import CImageShim

/// What the statistics measured on a decoded picture of any format, as people see it: EXIF
/// orientation is applied to the hashes (not to ``pixelHash``, which is of the stored pixels).
public struct ImageMeasures: Sendable, Equatable {
    /// Hash of the stored pixels as 8-bit RGBA, with the dimensions: equal for the same pixels in
    /// any lossless format.
    public var pixelHash: UInt64 = 0
    /// The perceptual hash under each of the 8 symmetries of the square (mirrors, 90° turns),
    /// indexed as ``ImageSymmetry``; element 0 is ``perceptualHash``.
    public var symmetricHashes: [UInt64] = []
    /// Perceptual hash of the central 90% × 90% of the picture: the hash a centred crop of 5% per
    /// side would have, so such a crop is found.
    public var innerHash: UInt64 = 0
    /// 64-bit mean hash (8 × 8 grid of mean luma, each bit set above the grid's mean): the second
    /// opinion that confirms a perceptual-hash match.
    public var meanHash: UInt64 = 0
    /// Mean luma over white, 0–255.
    public var lumaMean = 0.0
    /// Luma standard deviation, the larger of over black and over white, 0–255.
    public var lumaStddev = 0.0
    /// Mean alpha, 0–255.
    public var alphaMean = 0.0
    /// 99th percentile of luma composited over white, 0–1: under a dark limit, even the brightest
    /// parts are dark (transparent parts count as white, so a dark glyph on transparency is not dark).
    public var brightnessP99 = 0.0
    /// 5th percentile of luma composited over black, 0–1: over a light limit, even the darkest
    /// parts are light (transparent parts count as black).
    public var brightnessP5 = 0.0
    /// Shannon entropy of the 256-bin histogram of luma over white, in bits (0–8).
    public var entropy = 0.0
    /// RMS Laplacian ÷ standard deviation of the image scaled to at most 64 px on its long side:
    /// nil when that plane is under 3 × 3 px or flat.
    public var sharpness: Double?
    /// Width in px of the picture's edges at viewing size (at most 512 px on the long side): σ for
    /// an edge blurred by a Gaussian of σ px, about 0.35 for a sharp one; nil when that view is
    /// under 3 × 3 px or flat.
    public var edgeWidth: Double?
    /// Largest max(R, G, B) − min(R, G, B) of any visible pixel, 0–255: 0 for a grey picture.
    public var chromaMax = 0

    /// The upright perceptual hash.
    public var perceptualHash: UInt64 { symmetricHashes.first ?? 0 }

    /// Empty.
    public init() {}

    /// The measures the C statistics filled.
    init(_ m: assay_image_measures) {
        pixelHash = m.pixel_hash
        symmetricHashes = withUnsafeBytes(of: m.phash_variants) { Array($0.bindMemory(to: UInt64.self)) }
        innerHash = m.inner_phash
        meanHash = m.ahash
        lumaMean = m.luma_mean
        lumaStddev = m.luma_stddev
        alphaMean = m.alpha_mean
        brightnessP99 = m.dark_p99
        brightnessP5 = m.light_p5
        entropy = m.entropy
        sharpness = m.sharpness >= 0 ? m.sharpness : nil
        edgeWidth = m.edge_width >= 0 ? m.edge_width : nil
        chromaMax = Int(m.chroma_max)
    }
}
