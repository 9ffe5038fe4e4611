/// How a decode of a JPEG, WebP, TIFF or BMP ended.
public enum PictureDecodeStatus: Sendable, Equatable {
    /// Every pixel decoded, with no damage reported.
    case ok
    /// The file does not start as the format should.
    case signature
    /// The file ends before the picture does.
    case truncated
    /// The data breaks the format.
    case corrupt
    /// A valid variant the decoder cannot read.
    case unsupported
    /// Over the size limits, decided from the header.
    case tooLarge
    /// Metadata over the budget.
    case metadata
    /// An allocation failed, or the library's memory limit was reached.
    case noMemory
}

/// Everything one decode of a JPEG, WebP, TIFF or BMP measured.
public struct PictureDecoding: Sendable {
    /// The format decoded.
    public var format: ImageFormat
    /// How the decode ended.
    public var status: PictureDecodeStatus = .ok
    /// The library's (or the reader's) text for a failure.
    public var message = ""
    /// Width in px as displayed (after the EXIF orientation); 0 when the header was refused.
    public var width: UInt32 = 0
    /// Height in px as displayed.
    public var height: UInt32 = 0
    /// Bits per sample as stored (16 for a deep TIFF; JPEG, WebP: 8).
    public var bitsPerSample = 0
    /// The stored colour model (`rgb`, `cmyk`, `gray`…).
    public var color = ""
    /// EXIF/TIFF orientation, 1–8.
    public var orientation = 1
    /// A progressive JPEG.
    public var progressive = false
    /// A lossless WebP.
    public var lossless = false
    /// More than one frame or page.
    public var animated = false
    /// The picture was measured at 1/`decodeScale` of its size (1, 2, 4 or 8): a large lossy
    /// picture is shrunk on load to no less than viewing size.
    public var decodeScale = 1
    /// An EXIF block is present.
    public var exif = false
    /// Its size in bytes.
    public var exifBytes: UInt64 = 0
    /// The metadata holds a position (never the position itself).
    public var location = false
    /// EXIF, XMP, ICC and comment bytes.
    public var metadataBytes: UInt64 = 0
    /// Bytes after the format's end.
    public var trailingBytes: UInt64 = 0
    /// Warnings the library reported and the decoder judged benign.
    public var warnings = 0
    /// The statistics, valid when ``status`` is ``PictureDecodeStatus/ok``.
    public var measures = ImageMeasures()

    /// An empty decoding of `format`.
    public init(format: ImageFormat) { self.format = format }
}
