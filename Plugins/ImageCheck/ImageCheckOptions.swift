import AssayKit

/// The `with:` block of `image-check` (formerly `png-check`). `init()` holds the shipped defaults.
public struct ImageCheckOptions: ValidatorOptions {
    /// Formats taken, by ``ImageFormat`` name; any other file is `image.format`.
    public var formats = ImageFormat.allCases.map(\.rawValue)
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
    /// Lowest accepted 99th percentile of luma over white, 0–1 (`image.dark`); nil switches it off.
    public var minBrightnessP99: Double? = 0.32
    /// Highest accepted 5th percentile of luma over black, 0–1 (`image.light`); nil switches it off.
    public var maxBrightnessP5: Double? = 0.95
    /// Lowest accepted sharpness (RMS Laplacian ÷ luma standard deviation on a ≤ 64 px copy;
    /// `image.blurry`); nil switches it off.
    public var minSharpness: Double? = 0.15
    /// Widest accepted edge at viewing size, in px (`image.blurry`); nil switches it off.
    public var maxEdgeWidth: Double? = 2.5
    /// Lowest accepted luma-histogram entropy, in bits (`image.low_information`); nil switches it off.
    public var minEntropy: Double? = 0.3
    /// Budget for metadata chunks, stored or inflated.
    public var maxMetadataBytes: Int64 = 1_000_000
    /// Budget for the number of ancillary chunks.
    public var maxMetadataChunks = 256
    /// Whether an eXIf chunk rejects the file.
    public var rejectExif = false
    /// Whether a picture of several frames or pages (APNG, animated WebP, multi-page TIFF)
    /// rejects the file; otherwise its first frame or page is judged.
    public var rejectAnimated = true
    /// Whether a position in the metadata (EXIF GPS, XMP GPS) rejects the file.
    public var rejectLocation = true
    /// The most one decoder library may allocate for one picture.
    public var maxDecodeMemory: Int64 = 512 << 20
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
    public static var fields: [OptionField<ImageCheckOptions>] {
        [
            .strings("formats", \.formats, choices: ImageFormat.allCases.map(\.rawValue), help: "Picture formats taken, told by the file's first bytes (image.format)."),
            .integer("min_width", \.minWidth, in: 1...1_000_000, help: "Smallest accepted width in pixels (image.too_small)."),
            .integer("min_height", \.minHeight, in: 1...1_000_000, help: "Smallest accepted height in pixels (image.too_small)."),
            .integer("max_width", \.maxWidth, in: 1...1_000_000, help: "Largest accepted width in pixels, enforced by libpng from the header (image.too_large)."),
            .integer("max_height", \.maxHeight, in: 1...1_000_000, help: "Largest accepted height in pixels, enforced by libpng from the header (image.too_large)."),
            .integer("max_pixels", \.maxPixels, in: 1...1_000_000_000, help: "Largest width × height, checked before any row is decoded (image.too_large)."),
            .optionalNumber("min_aspect_ratio", \.minAspectRatio, in: 0.0001...10_000, help: "Smallest width ÷ height, or null for none (image.aspect_ratio)."),
            .optionalNumber("max_aspect_ratio", \.maxAspectRatio, in: 0.0001...10_000, help: "Largest width ÷ height, or null for none (image.aspect_ratio)."),
            .strings("bit_depths", \.bitDepths, choices: PNGColorType.bitDepthNames, help: "Accepted PNG bit depths per sample (png.bit_depth); other formats are converted to 8-bit RGBA."),
            .strings("color_types", \.colorTypes, choices: PNGColorType.allCases.map(\.name), help: "Accepted PNG colour types (png.color_type); CMYK JPEGs and TIFFs are judged on their colours."),
            .boolean("allow_interlaced", \.allowInterlaced, help: "Accept Adam7-interlaced images (else png.interlaced)."),
            .number("blank_stddev", \.blankStddev, in: 0...128, help: "Luma standard deviation (0–255, alpha taken into account) below which an image is blank (image.blank); 0 turns the check off."),
            .optionalNumber("min_brightness_p99", \.minBrightnessP99, in: 0...1, help: "Lowest 99th percentile of luma (0–1, transparency as white): darker images are image.dark; null switches it off."),
            .optionalNumber("max_brightness_p5", \.maxBrightnessP5, in: 0...1, help: "Highest 5th percentile of luma (0–1, transparency as black): lighter images are image.light; null switches it off."),
            .optionalNumber("min_sharpness", \.minSharpness, in: 0...10, help: "Lowest RMS Laplacian ÷ luma standard deviation on a copy at most 64 px across: less detailed images are image.blurry; null switches it off."),
            .optionalNumber("max_edge_width", \.maxEdgeWidth, in: 0.1...100, help: "Widest edge, in px, on a copy at viewing size (at most 512 px across): blurrier images are image.blurry; null switches it off."),
            .optionalNumber("min_entropy", \.minEntropy, in: 0...8, help: "Lowest entropy of the 256-level luma histogram, in bits: images with less are image.low_information; null switches it off."),
            .size("max_metadata_bytes", \.maxMetadataBytes, help: "Budget for ancillary chunk data, stored or inflated; also libpng's per-chunk memory limit (image.metadata_size)."),
            .integer("max_metadata_chunks", \.maxMetadataChunks, in: 1...100_000, help: "Most ancillary chunks in one file (image.metadata_size)."),
            .boolean("reject_exif", \.rejectExif, help: "Reject files with EXIF metadata (image.exif); else only recorded in the image.exif metric."),
            .boolean("reject_animated", \.rejectAnimated, help: "Reject pictures of several frames or pages: animated PNG (acTL) or WebP, multi-page TIFF (image.animated); off, the first frame or page is judged."),
            .boolean("reject_location", \.rejectLocation, help: "Reject pictures whose metadata holds a position, EXIF or XMP GPS (image.location); off, only the image.location metric says so. No coordinate is ever recorded."),
            .size("max_decode_memory", \.maxDecodeMemory, help: "The most one decoder library may allocate for one picture: libjpeg's coefficients of a progressive file, libtiff's single allocations (image.no_memory)."),
            .boolean("ancillary_crc_fatal", \.ancillaryCRCFatal, help: "A bad CRC in an ancillary chunk rejects the file (png.crc); else the chunk is dropped with a warning."),
            .boolean("reject_trailing_data", \.rejectTrailingData, help: "Reject files with bytes after the end of the picture (PNG IEND, JPEG EOI, WebP RIFF size), possible polyglots (image.trailing_data)."),
            .boolean("warnings_fatal", \.warningsFatal, help: "Reject files on any libpng warning (png.warning); else warnings are only counted in png.warnings."),
            .boolean("exact_duplicates", \.exactDuplicates, help: "Reject images whose decoded pixels equal an earlier file's (image.dup_exact)."),
            .boolean("near_duplicates", \.nearDuplicates, help: "Reject images whose perceptual hash (pHash) is within near_dup_distance bits of an earlier file's (image.dup_near)."),
            .integer("near_dup_distance", \.nearDupDistance, in: 0...11, help: "Largest Hamming distance between 64-bit perceptual hashes counted as a near duplicate (0 = same hash)."),
            .integer("near_dup_mean_distance", \.nearDupMeanDistance, in: 0...64, help: "Largest Hamming distance between 64-bit mean hashes that confirms a perceptual-hash match (64 = no confirmation)."),
            .boolean("near_dup_symmetries", \.nearDupSymmetries, help: "Count mirrored and quarter-turned copies as near duplicates (image.dup_near), by hashing the picture under all 8 symmetries of the square."),
        ]
    }
}
