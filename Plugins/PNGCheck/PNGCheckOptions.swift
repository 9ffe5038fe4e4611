import AssayKit

/// The `with:` block of `png-check`. `init()` holds the shipped defaults.
public struct PNGCheckOptions: ValidatorOptions {
    /// Smallest accepted width in pixels.
    public var minWidth = 32
    /// Smallest accepted height in pixels.
    public var minHeight = 32
    /// Largest accepted width in pixels (also given to libpng as its user limit).
    public var maxWidth = 20_000
    /// Largest accepted height in pixels (also given to libpng as its user limit).
    public var maxHeight = 20_000
    /// Largest accepted width × height, checked from the header before any row is inflated.
    public var maxPixels = 40_000_000
    /// Smallest accepted width ÷ height; nil for no bound.
    public var minAspectRatio: Double?
    /// Largest accepted width ÷ height; nil for no bound.
    public var maxAspectRatio: Double?
    /// Accepted bit depths per sample.
    public var bitDepths = PNGColorType.bitDepthNames
    /// Accepted colour types, by name.
    public var colorTypes = PNGColorType.allCases.map(\.name)
    /// Whether Adam7-interlaced images are accepted.
    public var allowInterlaced = true
    /// Luma standard deviation (0–255) below which an image is blank; 0 turns the check off.
    public var blankStddev = 2.0
    /// Lowest accepted 99th percentile of luma over white, 0–1 (`png.dark`); nil switches it off.
    public var minBrightnessP99: Double? = 0.32
    /// Highest accepted 5th percentile of luma over black, 0–1 (`png.light`); nil switches it off.
    public var maxBrightnessP5: Double? = 0.95
    /// Lowest accepted sharpness (RMS Laplacian ÷ luma standard deviation on a ≤ 64 px copy;
    /// `png.blurry`); nil switches it off.
    public var minSharpness: Double? = 0.15
    /// Lowest accepted luma-histogram entropy, in bits (`png.low_information`); nil switches it off.
    public var minEntropy: Double? = 0.3
    /// Budget for metadata chunks, stored or inflated.
    public var maxMetadataBytes: Int64 = 1_000_000
    /// Budget for the number of ancillary chunks.
    public var maxMetadataChunks = 256
    /// Whether an eXIf chunk rejects the file.
    public var rejectExif = false
    /// Whether an animated PNG (acTL) rejects the file.
    public var rejectAnimated = true
    /// Whether a bad CRC in an ancillary chunk rejects the file.
    public var ancillaryCRCFatal = true
    /// Whether bytes after IEND reject the file.
    public var rejectTrailingData = true
    /// Whether any libpng warning rejects the file.
    public var warningsFatal = false
    /// Whether an image with the same pixels as an earlier one is rejected.
    public var exactDuplicates = true
    /// Whether near duplicates (by perceptual hash) are rejected.
    public var nearDuplicates = true
    /// Largest Hamming distance between perceptual hashes counted as a near duplicate.
    public var nearDupDistance = 8
    /// Largest Hamming distance between mean hashes of a near duplicate (the second hash that
    /// confirms a perceptual-hash match); 64 accepts every perceptual-hash match.
    public var nearDupMeanDistance = 10
    /// Whether a mirrored or quarter-turned copy counts as a near duplicate.
    public var nearDupSymmetries = true

    /// The shipped defaults.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<PNGCheckOptions>] {
        [
            .integer("min_width", \.minWidth, in: 1...1_000_000, help: "Smallest accepted width in pixels (png.too_small)."),
            .integer("min_height", \.minHeight, in: 1...1_000_000, help: "Smallest accepted height in pixels (png.too_small)."),
            .integer("max_width", \.maxWidth, in: 1...1_000_000, help: "Largest accepted width in pixels, enforced by libpng from the header (png.too_large)."),
            .integer("max_height", \.maxHeight, in: 1...1_000_000, help: "Largest accepted height in pixels, enforced by libpng from the header (png.too_large)."),
            .integer("max_pixels", \.maxPixels, in: 1...1_000_000_000, help: "Largest width × height, checked before any row is decoded (png.too_large)."),
            .optionalNumber("min_aspect_ratio", \.minAspectRatio, in: 0.0001...10_000, help: "Smallest width ÷ height, or null for none (png.aspect_ratio)."),
            .optionalNumber("max_aspect_ratio", \.maxAspectRatio, in: 0.0001...10_000, help: "Largest width ÷ height, or null for none (png.aspect_ratio)."),
            .strings("bit_depths", \.bitDepths, choices: PNGColorType.bitDepthNames, help: "Accepted bit depths per sample (png.bit_depth)."),
            .strings("color_types", \.colorTypes, choices: PNGColorType.allCases.map(\.name), help: "Accepted colour types (png.color_type)."),
            .boolean("allow_interlaced", \.allowInterlaced, help: "Accept Adam7-interlaced images (else png.interlaced)."),
            .number("blank_stddev", \.blankStddev, in: 0...128, help: "Luma standard deviation (0–255, alpha taken into account) below which an image is blank (png.blank); 0 turns the check off."),
            .optionalNumber("min_brightness_p99", \.minBrightnessP99, in: 0...1, help: "Lowest 99th percentile of luma (0–1, transparency as white): darker images are png.dark; null switches it off."),
            .optionalNumber("max_brightness_p5", \.maxBrightnessP5, in: 0...1, help: "Highest 5th percentile of luma (0–1, transparency as black): lighter images are png.light; null switches it off."),
            .optionalNumber("min_sharpness", \.minSharpness, in: 0...10, help: "Lowest RMS Laplacian ÷ luma standard deviation on a copy at most 64 px across: less detailed images are png.blurry; null switches it off."),
            .optionalNumber("min_entropy", \.minEntropy, in: 0...8, help: "Lowest entropy of the 256-level luma histogram, in bits: images with less are png.low_information; null switches it off."),
            .size("max_metadata_bytes", \.maxMetadataBytes, help: "Budget for ancillary chunk data, stored or inflated; also libpng's per-chunk memory limit (png.metadata_size)."),
            .integer("max_metadata_chunks", \.maxMetadataChunks, in: 1...100_000, help: "Most ancillary chunks in one file (png.metadata_size)."),
            .boolean("reject_exif", \.rejectExif, help: "Reject files with an eXIf chunk (png.exif); else only recorded in the png.exif metric."),
            .boolean("reject_animated", \.rejectAnimated, help: "Reject animated PNGs, those with an acTL chunk (png.animated)."),
            .boolean("ancillary_crc_fatal", \.ancillaryCRCFatal, help: "A bad CRC in an ancillary chunk rejects the file (png.crc); else the chunk is dropped with a warning."),
            .boolean("reject_trailing_data", \.rejectTrailingData, help: "Reject files with bytes after IEND, possible polyglots (png.trailing_data)."),
            .boolean("warnings_fatal", \.warningsFatal, help: "Reject files on any libpng warning (png.warning); else warnings are only counted in png.warnings."),
            .boolean("exact_duplicates", \.exactDuplicates, help: "Reject images whose decoded pixels equal an earlier file's (png.dup_exact)."),
            .boolean("near_duplicates", \.nearDuplicates, help: "Reject images whose perceptual hash (pHash) is within near_dup_distance bits of an earlier file's (png.dup_near)."),
            .integer("near_dup_distance", \.nearDupDistance, in: 0...11, help: "Largest Hamming distance between 64-bit perceptual hashes counted as a near duplicate (0 = same hash)."),
            .integer("near_dup_mean_distance", \.nearDupMeanDistance, in: 0...64, help: "Largest Hamming distance between 64-bit mean hashes that confirms a perceptual-hash match (64 = no confirmation)."),
            .boolean("near_dup_symmetries", \.nearDupSymmetries, help: "Count mirrored and quarter-turned copies as near duplicates (png.dup_near), by hashing the picture under all 8 symmetries of the square."),
        ]
    }
}
