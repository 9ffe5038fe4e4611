import AssayKit

/// Every reason code `png-check` gives: decoding failures first, then the configurable checks,
/// then duplicates.
public enum PNGReasons {
    /// The first eight bytes are not the PNG signature.
    public static let signature = ReasonCode(
        "png.signature", meaning: "The file does not start with the 8-byte PNG signature (or is empty); a signature with damaged line endings means a text-mode transfer.",
        hint: "Submit a real PNG file; re-export it, and transfer it in binary mode.")
    /// A chunk's CRC does not match its bytes.
    public static let crc = ReasonCode(
        "png.crc", meaning: "A chunk's CRC-32 does not match its contents (critical chunks always; ancillary ones unless ancillary_crc_fatal is false): the file was damaged.",
        hint: "The file was corrupted in transfer or by an editor; export it again from the original.")
    /// IHDR is malformed or has invalid fields.
    public static let ihdr = ReasonCode(
        "png.ihdr", meaning: "The IHDR header is malformed or declares invalid values (zero size, an undefined colour type, bit depth or combination of both, unknown compression, filter or interlace method).",
        hint: "Re-export the image with a standard PNG encoder.")
    /// A malformed chunk.
    public static let chunk = ReasonCode(
        "png.chunk", meaning: "A chunk is malformed: an invalid chunk type name, an impossible length, an invalid palette, or a critical chunk no PNG decoder knows.",
        hint: "Re-export the image with a standard PNG encoder; remove vendor-specific critical chunks.")
    /// Chunks out of order.
    public static let chunkOrder = ReasonCode(
        "png.chunk_order", meaning: "A chunk is out of place or repeated (IHDR not first, PLTE after IDAT, a duplicated chunk that must be unique, IDAT chunks not consecutive).",
        hint: "Re-export the image with a standard PNG encoder.")
    /// No image data.
    public static let missingIDAT = ReasonCode(
        "png.missing_idat", meaning: "The file has no IDAT chunk: IEND comes before any image data.",
        hint: "The file holds no image; export the image again.")
    /// A corrupt zlib stream.
    public static let zlib = ReasonCode(
        "png.zlib", meaning: "The compressed image data (the zlib stream in IDAT) is corrupt, or its Adler-32 checksum does not match, though every chunk CRC is correct.",
        hint: "The encoder or a tool that edited the file wrote broken data; export the image again from the original.")
    /// An undefined row filter.
    public static let filter = ReasonCode(
        "png.filter", meaning: "A row of the image uses a filter type other than the five PNG defines.",
        hint: "The encoder wrote broken data; export the image again with a standard encoder.")
    /// Too little image data.
    public static let idatShort = ReasonCode(
        "png.idat_short", meaning: "The compressed image data ends before the last row of the image.",
        hint: "The image is incomplete; export it again from the original.")
    /// Too much image data.
    public static let idatExtra = ReasonCode(
        "png.idat_extra", meaning: "The compressed image data goes on after the last row, or IDAT chunks appear after other chunks that follow the image data.",
        hint: "Re-export the image with a standard PNG encoder; extra data can hide content.")
    /// The file ends early.
    public static let truncated = ReasonCode(
        "png.truncated", meaning: "The file ends inside a chunk or before the image is complete.",
        hint: "The file was cut short (an interrupted download or copy); submit the complete file.")
    /// No IEND.
    public static let missingIEND = ReasonCode(
        "png.missing_iend", meaning: "Every chunk is complete and the image decodes, but the IEND chunk that must end a PNG is missing.",
        hint: "The file was cut short or written by a broken encoder; export it again.")
    /// Bytes after IEND.
    public static let trailingData = ReasonCode(
        "png.trailing_data", meaning: "Bytes follow the IEND chunk: the file may be a polyglot (a PNG with a ZIP or a script appended).",
        hint: "Submit only the image: open it and save it again as a new PNG, which drops whatever follows it.")
    /// Over the size limits.
    public static let tooLarge = ReasonCode(
        "png.too_large", meaning: "The width, the height or the number of pixels (width × height) is over the limit (max_width, max_height, max_pixels); checked from the header before any pixel is decoded.",
        hint: "Scale the image down below the limit.")
    /// A libpng allocation failed.
    public static let noMemory = ReasonCode(
        "png.no_memory", meaning: "The decoder could not allocate the memory one row of the image needs.",
        hint: "Scale the image down; if it is small, report the file to the curators.")
    /// Any other decoder error.
    public static let decode = ReasonCode(
        "png.decode", meaning: "libpng refused the file for a reason not covered by a more specific code; the message gives libpng's words.",
        hint: "Re-export the image with a standard PNG encoder.")
    /// Animated PNG.
    public static let animated = ReasonCode(
        "png.animated", meaning: "The file is an animated PNG (it has an acTL chunk) and reject_animated is on: the dataset takes still images.",
        hint: "Submit a single still frame as an ordinary PNG.")
    /// Too much metadata.
    public static let metadataSize = ReasonCode(
        "png.metadata_size", meaning: "Text and other metadata chunks are over the budget (max_metadata_bytes stored or once inflated, or max_metadata_chunks chunks), or a compressed text or ICC chunk inflates past it (a decompression bomb).",
        hint: "Strip the metadata (for example with `optipng -strip all` or `exiftool -all=`) and submit again.")
    /// eXIf present and refused.
    public static let exif = ReasonCode(
        "png.exif", meaning: "The file carries an eXIf chunk (camera, time, possibly GPS position) and reject_exif is on.",
        hint: "Remove the EXIF metadata (for example with `exiftool -all=`) and submit again.")
    /// A libpng warning under warnings_fatal.
    public static let warning = ReasonCode(
        "png.warning", meaning: "libpng reported a warning (a benign error, such as a known-incorrect sRGB profile or a bad ancillary chunk) and warnings_fatal is on.",
        hint: "Re-export the image with a standard encoder; the message names the chunk libpng complained about.")
    /// Below the minimum size.
    public static let tooSmall = ReasonCode(
        "png.too_small", meaning: "The width or the height is below the minimum (min_width, min_height).",
        hint: "Submit a larger image; do not upscale a small one, which adds no detail.")
    /// Aspect ratio out of bounds.
    public static let aspectRatio = ReasonCode(
        "png.aspect_ratio", meaning: "Width ÷ height is outside the bounds (min_aspect_ratio, max_aspect_ratio).",
        hint: "Crop the image to a less extreme shape.")
    /// Bit depth not allowed.
    public static let bitDepth = ReasonCode(
        "png.bit_depth", meaning: "The image's bit depth per sample is not among the allowed bit_depths.",
        hint: "Convert the image to an allowed bit depth (most tools write 8-bit).")
    /// Colour type not allowed.
    public static let colorType = ReasonCode(
        "png.color_type", meaning: "The image's colour type (gray, rgb, palette, gray_alpha, rgba) is not among the allowed color_types.",
        hint: "Convert the image to an allowed colour type.")
    /// Interlaced and not allowed.
    public static let interlaced = ReasonCode(
        "png.interlaced", meaning: "The image is Adam7-interlaced and allow_interlaced is off.",
        hint: "Save the image again without interlacing.")
    /// Blank image.
    public static let blank = ReasonCode(
        "png.blank", meaning: "The image is blank or nearly uniform: the standard deviation of its luma, composited over black and over white to take alpha into account, is below blank_stddev (on a 0–255 scale).",
        hint: "Submit an image with visible content; a fully transparent or single-colour image carries none.")
    /// Dark all over.
    public static let dark = ReasonCode(
        "png.dark", meaning: "The image is dark all over: the 99th percentile of its luma (0–1, BT.601, transparent parts counted as white) is below min_brightness_p99, so even its brightest parts are dark (CleanVision's definition).",
        hint: "The picture is too dark to show its content; submit a properly exposed version.")
    /// Light all over.
    public static let light = ReasonCode(
        "png.light", meaning: "The image is washed out: the 5th percentile of its luma (0–1, transparent parts counted as black) is above max_brightness_p5, so even its darkest parts are nearly white (CleanVision's definition).",
        hint: "The picture is overexposed or faded; submit a version whose content is visible.")
    /// Out of focus or smeared.
    public static let blurry = ReasonCode(
        "png.blurry", meaning: "The image has almost no fine detail: on a copy scaled to at most 64 px on its long side, the RMS of the Laplacian divided by the standard deviation of the luma is below min_sharpness, whatever the image's size or contrast. Smooth gradients read as blurry too.",
        hint: "The picture is out of focus or smeared; submit a sharp version.")
    /// Too few distinct tones.
    public static let lowInformation = ReasonCode(
        "png.low_information", meaning: "The image carries little information: the Shannon entropy of its 256-level luma histogram (over white) is below min_entropy bits, as for a near-solid fill or a few flat tones.",
        hint: "The picture is nearly empty; submit one with real content.")
    /// Same pixels as an earlier file.
    public static let dupExact = ReasonCode(
        "png.dup_exact", meaning: "The decoded pixels (as 8-bit RGBA) are identical to those of a file admitted earlier, whatever the encoding, compression, interlacing or metadata.",
        hint: "The image is already in the dataset; submit a different one.")
    /// Nearly the same picture as an earlier file.
    public static let dupNear = ReasonCode(
        "png.dup_near", meaning: "The image's 64-bit perceptual hash (pHash: the low frequencies of a 32 × 32 grey version), upright or mirrored or turned by quarter turns, is within near_dup_distance bits of that of a file admitted earlier, and its 8 × 8 mean hash within near_dup_mean_distance bits; or its upright hash is that close to the hash of the central 90% × 90% of an earlier picture (or the other way round): the same picture scaled, mirrored, turned, slightly cropped, altered or re-encoded.",
        hint: "The image is already in the dataset in nearly the same form; submit a different one.")

    /// Every code, in the order `assay plugins` shows them.
    public static let all: [ReasonCode] = [
        signature, crc, ihdr, chunk, chunkOrder, missingIDAT, zlib, filter, idatShort, idatExtra, truncated,
        missingIEND, trailingData, tooLarge, noMemory, decode, animated, metadataSize, exif, warning, tooSmall,
        aspectRatio, bitDepth, colorType, interlaced, blank, dark, light, blurry, lowInformation, dupExact, dupNear,
    ]
}
