import AssayKit

/// The codes only a PNG can earn: libpng's integrity failures and the PNG-only format options.
/// The checks every format shares are in ``ImageReasons``.
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
    /// Any other decoder error.
    public static let decode = ReasonCode(
        "png.decode", meaning: "libpng refused the file for a reason not covered by a more specific code; the message gives libpng's words.",
        hint: "Re-export the image with a standard PNG encoder.")
    /// A libpng warning under warnings_fatal.
    public static let warning = ReasonCode(
        "png.warning", meaning: "libpng reported a warning (a benign error, such as a known-incorrect sRGB profile or a bad ancillary chunk) and warnings_fatal is on.",
        hint: "Re-export the image with a standard encoder; the message names the chunk libpng complained about.")
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

    /// Every code, in the order `assay plugins` shows them.
    public static let all: [ReasonCode] = [
        signature, crc, ihdr, chunk, chunkOrder, missingIDAT, zlib, filter, idatShort, idatExtra, truncated,
        missingIEND, decode, warning, bitDepth, colorType, interlaced,
    ]
}
