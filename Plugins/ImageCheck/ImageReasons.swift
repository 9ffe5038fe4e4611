import AssayKit

/// The codes `image-check` gives a picture of any format: size, shape, content, metadata and
/// duplicates, then each format's own integrity codes (`jpeg.truncated`). A code that was
/// `png.*` before pictures of every format were judged keeps that name as an alias.
public enum ImageReasons {
    /// Over the size limits.
    public static let tooLarge = ReasonCode(
        "image.too_large", meaning: "The width, the height or the number of pixels (width × height) is over the limit (max_width, max_height, max_pixels); decided from the header before any pixel is decoded, so a bomb costs nothing.",
        hint: "Scale the image down below the limit, e.g. `convert in.jpg -resize 4000x4000 out.jpg`.", aliases: ["png.too_large"])
    /// An allocation failed.
    public static let noMemory = ReasonCode(
        "image.no_memory", meaning: "The decoder could not allocate what the picture needs (one row, or for a progressive JPEG its coefficients up to the decoder's memory limit).",
        hint: "Scale the image down or save it as a baseline (non-progressive) file; if it is small, report the file to the curators.", aliases: ["png.no_memory"])
    /// Bytes after the picture's end.
    public static let trailingData = ReasonCode(
        "image.trailing_data", meaning: "Bytes follow the end of the picture (PNG's IEND, JPEG's EOI, the WebP RIFF size): the file may be a polyglot (a picture with a ZIP or a script appended).",
        hint: "Submit only the image: open it and save it again, which drops whatever follows it.", aliases: ["png.trailing_data"])
    /// Animated or multi-page, refused.
    public static let animated = ReasonCode(
        "image.animated", meaning: "The file holds more than one picture (an animated PNG or WebP, a multi-page TIFF) and reject_animated is on: the dataset takes still images. With it off, the first frame or page is judged.",
        hint: "Submit a single still frame, e.g. `convert 'in.webp[0]' out.png`.", aliases: ["png.animated"])
    /// Too much metadata.
    public static let metadataSize = ReasonCode(
        "image.metadata_size", meaning: "Metadata is over the budget: PNG text, profile and EXIF chunks (max_metadata_bytes stored or once inflated, or max_metadata_chunks chunks, or a compressed chunk that inflates past it), or JPEG, WebP and TIFF EXIF, XMP, ICC and comment blocks over max_metadata_bytes.",
        hint: "Strip the metadata (for example with `exiftool -all= in.jpg` or `convert in.png -strip out.png`) and submit again.", aliases: ["png.metadata_size"])
    /// EXIF present and refused.
    public static let exif = ReasonCode(
        "image.exif", meaning: "The file carries EXIF metadata (camera, time, possibly position) and reject_exif is on.",
        hint: "Remove the EXIF metadata (for example with `exiftool -all= in.jpg`) and submit again.", aliases: ["png.exif"])
    /// A position in the metadata.
    public static let location = ReasonCode(
        "image.location", meaning: "The picture's metadata says where it was taken (an EXIF GPS latitude or longitude, or an XMP GPS property): personal data the dataset does not keep. The position itself is never read, recorded or shown. With reject_location off it is only the image.location metric.",
        hint: "Remove the position and submit again: `exiftool -gps:all= -xmp:all= photo.jpg` (or `convert photo.jpg -strip clean.jpg`, which drops all metadata).")
    /// A format the stage does not take.
    public static let format = ReasonCode(
        "image.format", meaning: "The file is not a picture in one of the formats in the formats option (png, jpeg, webp, tiff, bmp), judged by its first bytes, not its name.",
        hint: "Convert the picture to PNG (`convert in.gif out.png`) or JPEG (`cjpeg -quality 90 in.ppm > out.jpg`).")
    /// Below the minimum size.
    public static let tooSmall = ReasonCode(
        "image.too_small", meaning: "The width or the height, as displayed (after the EXIF orientation), is below the minimum (min_width, min_height).",
        hint: "Submit a larger image; do not upscale a small one, which adds no detail.", aliases: ["png.too_small"])
    /// Aspect ratio out of bounds.
    public static let aspectRatio = ReasonCode(
        "image.aspect_ratio", meaning: "Width ÷ height, as displayed, is outside the bounds (min_aspect_ratio, max_aspect_ratio).",
        hint: "Crop the image to a less extreme shape.", aliases: ["png.aspect_ratio"])
    /// Blank image.
    public static let blank = ReasonCode(
        "image.blank", meaning: "The image is blank or nearly uniform: the standard deviation of its luma, composited over black and over white to take alpha into account, is below blank_stddev (on a 0–255 scale).",
        hint: "Submit an image with visible content; a fully transparent or single-colour image carries none.", aliases: ["png.blank"])
    /// Dark all over.
    public static let dark = ReasonCode(
        "image.dark", meaning: "The image is dark all over: the 99th percentile of its luma (0–1, BT.601, transparent parts counted as white) is below min_brightness_p99, so even its brightest parts are dark (CleanVision's definition).",
        hint: "The picture is too dark to show its content; submit a properly exposed version.", aliases: ["png.dark"])
    /// Light all over.
    public static let light = ReasonCode(
        "image.light", meaning: "The image is washed out: the 5th percentile of its luma (0–1, transparent parts counted as black) is above max_brightness_p5, so even its darkest parts are nearly white (CleanVision's definition).",
        hint: "The picture is overexposed or faded; submit a version whose content is visible.", aliases: ["png.light"])
    /// Out of focus or smeared.
    public static let blurry = ReasonCode(
        "image.blurry", meaning: "The image is out of focus or smeared as people see it: its edges, measured on a copy at viewing size (at most 512 px on the long side), are wider than max_edge_width px (the width is σ for an edge blurred by a Gaussian of σ px, about 0.5 for a sharp one, whatever the number of edges or their contrast); or, on a copy at most 64 px across, the RMS of the Laplacian divided by the luma's standard deviation is below min_sharpness. Smooth gradients read as blurry too.",
        hint: "The picture is out of focus or smeared; submit a sharp version.", aliases: ["png.blurry"])
    /// Too few distinct tones.
    public static let lowInformation = ReasonCode(
        "image.low_information", meaning: "The image carries little information: the Shannon entropy of its 256-level luma histogram (over white) is below min_entropy bits, as for a near-solid fill or a few flat tones.",
        hint: "The picture is nearly empty; submit one with real content.", aliases: ["png.low_information"])
    /// Same pixels as an earlier file.
    public static let dupExact = ReasonCode(
        "image.dup_exact", meaning: "The decoded pixels (as 8-bit RGBA) are identical to those of a file admitted earlier, whatever the format (PNG, lossless WebP, TIFF, BMP), encoding, compression, interlacing or metadata.",
        hint: "The image is already in the dataset; submit a different one.", aliases: ["png.dup_exact"])
    /// Nearly the same picture as an earlier file.
    public static let dupNear = ReasonCode(
        "image.dup_near", meaning: "The image's 64-bit perceptual hash (pHash: the low frequencies of a 32 × 32 grey version, as displayed), upright or mirrored or turned by quarter turns, is within near_dup_distance bits of that of a file admitted earlier in any format, and its 8 × 8 mean hash within near_dup_mean_distance bits; or its upright hash is that close to the hash of the central 90% × 90% of an earlier picture (or the other way round): the same picture scaled, mirrored, turned, slightly cropped, altered or re-encoded (a JPEG or WebP of a PNG, a PNG of a JPEG).",
        hint: "The image is already in the dataset in nearly the same form; submit a different one.", aliases: ["png.dup_near"])

    /// The codes shared by every format, in the order `assay plugins` shows them.
    public static let shared: [ReasonCode] = [
        format, tooLarge, noMemory, trailingData, animated, metadataSize, exif, location, tooSmall, aspectRatio,
        blank, dark, light, blurry, lowInformation, dupExact, dupNear,
    ]

    /// Every code of the stage: the shared ones, PNG's, then each other format's.
    public static var all: [ReasonCode] {
        shared + PNGReasons.all + ImageFormat.allCases.filter { $0 != .png }.flatMap { FormatReasons(format: $0).all }
    }
}
