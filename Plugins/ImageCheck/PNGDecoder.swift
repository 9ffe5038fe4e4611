import CImageShim

/// Limits the decoder enforces inside libpng.
public struct PNGDecodeLimits: Sendable {
    /// Width limit (png_set_user_limits).
    public var maxWidth: UInt32
    /// Height limit.
    public var maxHeight: UInt32
    /// Width × height budget, checked before any row.
    public var maxPixels: UInt64
    /// Most ancillary chunks libpng keeps (png_set_chunk_cache_max).
    public var chunkCacheMax: UInt32
    /// Most bytes for one ancillary chunk, after inflation (png_set_chunk_malloc_max).
    public var chunkMallocMax: UInt64
    /// A bad ancillary CRC is an error.
    public var ancillaryCRCFatal: Bool

    /// Creates limits.
    public init(maxWidth: UInt32, maxHeight: UInt32, maxPixels: UInt64, chunkCacheMax: UInt32, chunkMallocMax: UInt64,
                ancillaryCRCFatal: Bool) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.chunkCacheMax = chunkCacheMax
        self.chunkMallocMax = chunkMallocMax
        self.ancillaryCRCFatal = ancillaryCRCFatal
    }
}

/// Decodes PNG bytes through the C shim, which owns every setjmp; this is the only Swift file that
/// imports it, and the shim's header does not expose libpng, so Swift never calls libpng itself.
public enum PNGDecoder {
    /// Decodes `bytes` under `limits`. Never throws: every failure is a status in the result.
    public static func decode(_ bytes: [UInt8], limits: PNGDecodeLimits) -> PNGDecoding {
        var cLimits = assay_png_limits(
            max_width: limits.maxWidth, max_height: limits.maxHeight, max_pixels: limits.maxPixels,
            chunk_cache_max: limits.chunkCacheMax, chunk_malloc_max: limits.chunkMallocMax,
            ancillary_crc_fatal: limits.ancillaryCRCFatal ? 1 : 0)
        var result = assay_png_result()
        bytes.withUnsafeBufferPointer { buffer in
            _ = assay_png_decode(buffer.baseAddress, buffer.count, &cLimits, &result)
        }
        return decoding(from: result)
    }

    /// The libpng version number the shim runs (10639 for 1.6.39).
    public static var libpngVersion: Int { Int(assay_png_shim_version()) }

    private static func decoding(from r: assay_png_result) -> PNGDecoding {
        var d = PNGDecoding()
        d.status = status(r.status)
        d.message = CText.string(r.message)
        d.width = r.width
        d.height = r.height
        d.bitDepth = Int(r.bit_depth)
        d.colorType = Int(r.color_type)
        d.interlaced = r.interlace != 0
        d.warnings = Int(r.warnings)
        d.warningClasses = PNGWarningClasses(rawValue: r.warning_flags)
        d.warningText = CText.string(r.warning_text)
        d.notableWarning = CText.string(r.notable_warning)
        d.length = r.length
        d.consumed = r.consumed
        d.chunks = facts(r.chunks)
        d.textBytes = r.text_bytes
        if d.status == .ok { d.measures = ImageMeasures(r.measures) }
        return d
    }

    private static func facts(_ c: assay_png_chunks) -> PNGChunkFacts {
        var f = PNGChunkFacts()
        f.chunks = Int(c.chunks)
        f.idatChunks = Int(c.idat_chunks)
        f.ancillaryChunks = Int(c.ancillary_chunks)
        f.ancillaryBytes = c.ancillary_bytes
        f.textChunks = Int(c.text_chunks)
        f.textStoredBytes = c.text_stored_bytes
        f.iccpBytes = c.iccp_bytes
        f.exifBytes = c.exif_bytes
        f.animated = c.has_actl != 0
        f.exif = c.has_exif != 0
        f.orientation = c.orientation >= 1 && c.orientation <= 8 ? Int(c.orientation) : 1
        f.location = c.has_location != 0
        f.hasIEND = c.has_iend != 0
        f.largestAncillary = UInt64(c.largest_ancillary)
        f.headerWidth = c.ihdr_width
        f.headerHeight = c.ihdr_height
        return f
    }

    private static let statuses: [assay_png_status: PNGDecodeStatus] = [
        ASSAY_PNG_OK: .ok, ASSAY_PNG_SIGNATURE: .signature, ASSAY_PNG_CRC: .crc, ASSAY_PNG_IHDR: .ihdr,
        ASSAY_PNG_CHUNK: .chunk, ASSAY_PNG_CHUNK_ORDER: .chunkOrder, ASSAY_PNG_MISSING_IDAT: .missingIDAT,
        ASSAY_PNG_ZLIB: .zlib, ASSAY_PNG_FILTER: .filter, ASSAY_PNG_IDAT_SHORT: .idatShort,
        ASSAY_PNG_IDAT_EXTRA: .idatExtra, ASSAY_PNG_TRUNCATED: .truncated, ASSAY_PNG_MISSING_IEND: .missingIEND,
        ASSAY_PNG_TOO_LARGE: .tooLarge, ASSAY_PNG_METADATA: .metadata, ASSAY_PNG_NO_MEMORY: .noMemory,
        ASSAY_PNG_OTHER: .other,
    ]

    private static func status(_ s: assay_png_status) -> PNGDecodeStatus { statuses[s] ?? .other }

}
