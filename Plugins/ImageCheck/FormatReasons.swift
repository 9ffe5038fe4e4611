import AssayKit

/// The integrity codes of one format other than PNG (PNG has libpng's finer ones in
/// ``PNGReasons``): `FORMAT.truncated`, `FORMAT.corrupt` and `FORMAT.unsupported`. A damaged file
/// is never accepted with its damage painted grey: libjpeg's "Premature end of JPEG file" and
/// "Corrupt JPEG data" warnings are rejections here.
public struct FormatReasons: Sendable {
    /// The format the codes belong to.
    public let format: ImageFormat

    /// The file ends before the picture does.
    public var truncated: ReasonCode {
        ReasonCode("\(format.rawValue).truncated",
                   meaning: "The \(format.displayName) file ends before its picture does (a cut download or upload): \(format.decoderName) would fill the rest with grey.",
                   hint: "Upload the complete file again; if the original is damaged, export it again from its source.")
    }

    /// The data breaks the format.
    public var corrupt: ReasonCode {
        ReasonCode("\(format.rawValue).corrupt",
                   meaning: "The \(format.displayName) data is damaged or breaks the format (\(format.decoderName) reported an error or a data warning; the message gives its words).",
                   hint: "Export the picture again from its source with a standard encoder.")
    }

    /// A valid variant the decoder cannot read.
    public var unsupported: ReasonCode {
        ReasonCode("\(format.rawValue).unsupported",
                   meaning: "The file is a \(format.displayName) variant \(format.decoderName) cannot turn into pixels here (\(format.unsupportedExamples)).",
                   hint: format.conversionHint)
    }

    /// The three codes, in the order `assay plugins` shows them.
    public var all: [ReasonCode] { [truncated, corrupt, unsupported] }
}

extension ImageFormat {
    /// Variants of the format the decoder refuses, for the `unsupported` code's meaning.
    var unsupportedExamples: String {
        switch self {
        case .png: "none"
        case .jpeg: "12-bit or 16-bit samples, which this libjpeg build does not decode"
        case .webp: "a feature libwebp does not know"
        case .tiff: "floating-point samples, or a compression or photometric interpretation libtiff cannot convert"
        case .bmp: "JPEG or PNG payloads inside a BMP, meant for printers"
        }
    }

    /// A conversion that works for the format, for hints.
    var conversionHint: String {
        switch self {
        case .png: "Save the picture again as an ordinary PNG."
        case .jpeg: "Save it as an 8-bit JPEG or a PNG: `convert in.jpg -depth 8 out.png`."
        case .webp: "Convert it with `dwebp in.webp -o out.png`."
        case .tiff: "Convert it to an 8-bit RGB TIFF or a PNG: `convert in.tif -depth 8 out.png` (or `tiffcp -c lzw in.tif out.tif`)."
        case .bmp: "Save it uncompressed, or as PNG: `convert in.bmp out.png`."
        }
    }
}
