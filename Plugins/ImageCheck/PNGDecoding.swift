/// How a decode ended: success or one failure class of the C shim.
public enum PNGDecodeStatus: Sendable, Equatable {
    /// Every row decoded and IEND read.
    case ok
    /// Not a PNG signature.
    case signature
    /// A chunk CRC mismatch.
    case crc
    /// An invalid IHDR.
    case ihdr
    /// A malformed chunk.
    case chunk
    /// A critical chunk out of place.
    case chunkOrder
    /// No IDAT before IEND.
    case missingIDAT
    /// A corrupt zlib stream.
    case zlib
    /// An undefined row filter.
    case filter
    /// Too little image data.
    case idatShort
    /// Too much image data.
    case idatExtra
    /// The file ends early.
    case truncated
    /// No IEND after a complete image.
    case missingIEND
    /// Over the size limits.
    case tooLarge
    /// An ancillary chunk over the memory limit.
    case metadata
    /// An allocation failed.
    case noMemory
    /// Another libpng error.
    case other
}

/// Benign problems libpng reported as warnings, by class.
public struct PNGWarningClasses: OptionSet, Sendable {
    /// The raw ASSAY_PNG_WARN_* bits.
    public let rawValue: UInt32
    /// Wraps raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// A zlib error while finishing the stream (a bad Adler-32).
    public static let zlib = PNGWarningClasses(rawValue: 1 << 0)
    /// Image data after the last row.
    public static let idatExtra = PNGWarningClasses(rawValue: 1 << 1)
    /// A metadata chunk dropped for its size.
    public static let metadata = PNGWarningClasses(rawValue: 1 << 2)
    /// An ancillary chunk with a bad CRC, dropped.
    public static let crc = PNGWarningClasses(rawValue: 1 << 3)
    /// An ancillary chunk out of place or duplicated.
    public static let order = PNGWarningClasses(rawValue: 1 << 4)
    /// Anything else.
    public static let other = PNGWarningClasses(rawValue: 1 << 5)
}

/// Facts from walking the chunk list (done in C, without libpng).
public struct PNGChunkFacts: Sendable, Equatable {
    /// Chunks walked, up to IEND.
    public var chunks = 0
    /// IDAT chunks.
    public var idatChunks = 0
    /// Ancillary chunks.
    public var ancillaryChunks = 0
    /// Data bytes of ancillary chunks, as stored.
    public var ancillaryBytes: UInt64 = 0
    /// tEXt, zTXt and iTXt chunks.
    public var textChunks = 0
    /// Their data bytes, as stored.
    public var textStoredBytes: UInt64 = 0
    /// iCCP data bytes, as stored.
    public var iccpBytes: UInt64 = 0
    /// eXIf data bytes.
    public var exifBytes: UInt64 = 0
    /// An acTL chunk is present.
    public var animated = false
    /// An eXIf chunk is present.
    public var exif = false
    /// The first eXIf chunk's orientation, 1–8 (1 when there is none).
    public var orientation = 1
    /// An eXIf GPS position or an XMP GPS property is present (never the position itself).
    public var location = false
    /// The walk reached IEND.
    public var hasIEND = false
    /// Width from a well-formed first IHDR, even when libpng refused it.
    public var headerWidth: UInt32 = 0
    /// Height from a well-formed first IHDR.
    public var headerHeight: UInt32 = 0
    /// The largest ancillary chunk's stored data length, in bytes.
    public var largestAncillary: UInt64 = 0

    /// Empty facts.
    public init() {}
}

/// Everything one decode measured.
public struct PNGDecoding: Sendable {
    /// How the decode ended.
    public var status: PNGDecodeStatus = .ok
    /// libpng's (or the shim's) text for a failure.
    public var message = ""
    /// Width in pixels (0 when the header was refused).
    public var width: UInt32 = 0
    /// Height in pixels.
    public var height: UInt32 = 0
    /// Bits per sample.
    public var bitDepth = 0
    /// The IHDR colour type code.
    public var colorType = 0
    /// Adam7 interlaced.
    public var interlaced = false
    /// Warnings libpng reported.
    public var warnings = 0
    /// Their classes.
    public var warningClasses: PNGWarningClasses = []
    /// The first warnings, one per line.
    public var warningText = ""
    /// The first warning of a class other than `other`.
    public var notableWarning = ""
    /// Bytes given.
    public var length: UInt64 = 0
    /// Bytes libpng read; on success, up to the end of IEND.
    public var consumed: UInt64 = 0
    /// The chunk walk.
    public var chunks = PNGChunkFacts()
    /// Keywords and inflated text of every text chunk libpng kept.
    public var textBytes: UInt64 = 0
    /// The statistics of the decoded picture (valid on success).
    public var measures = ImageMeasures()

    /// Empty.
    public init() {}

    /// A colour image (RGB, RGBA or palette) whose visible pixels are all grey, to within 2 of 255
    /// between channels: it could be stored as greyscale at a third of the samples.
    public var isGrayStoredAsColor: Bool { colorType & 2 != 0 && measures.chromaMax <= 2 }

    /// Bytes after the end of IEND (only meaningful on success).
    public var trailingBytes: UInt64 { status == .ok && length > consumed ? length - consumed : 0 }
}

extension PNGDecoding {
    /// Width and height as displayed: swapped when the eXIf orientation turns the picture a quarter.
    public var displayedSize: (width: UInt32, height: UInt32) {
        let width = self.width > 0 ? self.width : chunks.headerWidth
        let height = self.height > 0 ? self.height : chunks.headerHeight
        return chunks.orientation >= 5 ? (height, width) : (width, height)
    }
}
