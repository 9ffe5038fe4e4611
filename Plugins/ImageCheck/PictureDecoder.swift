import CImageShim

/// Decodes a JPEG, WebP, TIFF or BMP through the C shims, each of which owns its library's error
/// handling; this file and ``PNGDecoder`` are the only ones that import them.
public enum PictureDecoder {
    /// Decodes `bytes` as `format` under `limits`. Never throws: every failure is a status.
    public static func decode(_ bytes: [UInt8], as format: ImageFormat, limits: ImageDecodeLimits) -> PictureDecoding {
        var cLimits = assay_image_limits(max_width: limits.maxWidth, max_height: limits.maxHeight, max_pixels: limits.maxPixels,
                                         max_metadata_bytes: limits.maxMetadataBytes, max_memory: limits.maxMemory)
        var result = assay_image_result()
        bytes.withUnsafeBufferPointer { buffer in
            switch format {
            case .jpeg: _ = assay_jpeg_decode(buffer.baseAddress, buffer.count, &cLimits, &result)
            case .webp: _ = assay_webp_decode(buffer.baseAddress, buffer.count, &cLimits, &result)
            case .tiff: _ = assay_tiff_decode(buffer.baseAddress, buffer.count, &cLimits, &result)
            case .bmp, .png: _ = assay_bmp_decode(buffer.baseAddress, buffer.count, &cLimits, &result)
            }
        }
        return decoding(result, format: format)
    }

    /// The decoder libraries' versions, for the stage fingerprint: a new library may judge a file differently.
    public static var libraryVersions: String {
        let tiff = String(cString: assay_tiff_lib_version()).split(separator: "\n").first.map(String.init) ?? ""
        return "libjpeg \(assay_jpeg_lib_version()) libwebp \(String(assay_webp_lib_version(), radix: 16)) \(tiff)"
    }

    private static let statuses: [assay_image_status: PictureDecodeStatus] = [
        ASSAY_IMAGE_OK: .ok, ASSAY_IMAGE_SIGNATURE: .signature, ASSAY_IMAGE_TRUNCATED: .truncated,
        ASSAY_IMAGE_CORRUPT: .corrupt, ASSAY_IMAGE_UNSUPPORTED: .unsupported, ASSAY_IMAGE_TOO_LARGE: .tooLarge,
        ASSAY_IMAGE_METADATA: .metadata, ASSAY_IMAGE_NO_MEMORY: .noMemory,
    ]

    private static let colors: [assay_image_color: String] = [
        ASSAY_COLOR_GRAY: "gray", ASSAY_COLOR_GRAY_ALPHA: "gray_alpha", ASSAY_COLOR_RGB: "rgb", ASSAY_COLOR_RGBA: "rgba",
        ASSAY_COLOR_PALETTE: "palette", ASSAY_COLOR_CMYK: "cmyk", ASSAY_COLOR_YCCK: "ycck", ASSAY_COLOR_OTHER: "other",
    ]

    private static func decoding(_ r: assay_image_result, format: ImageFormat) -> PictureDecoding {
        var d = PictureDecoding(format: format)
        d.status = statuses[r.status] ?? .corrupt
        d.message = CText.string(r.message)
        d.width = r.width
        d.height = r.height
        d.bitsPerSample = Int(r.bits_per_sample)
        d.color = colors[r.color] ?? "other"
        d.orientation = Int(r.orientation)
        d.progressive = r.progressive != 0
        d.lossless = r.lossless != 0
        d.animated = r.frames > 1
        d.decodeScale = Int(max(1, r.decode_scale))
        d.exif = r.has_exif != 0
        d.exifBytes = r.exif_bytes
        d.location = r.has_location != 0
        d.metadataBytes = r.metadata_bytes
        d.trailingBytes = r.trailing_bytes
        d.warnings = Int(r.warnings)
        if d.status == .ok { d.measures = ImageMeasures(r.measures) }
        return d
    }
}

/// NUL-terminated C char arrays as Strings.
enum CText {
    /// The bytes of `tuple` up to its first NUL, as UTF-8 (invalid bytes replaced).
    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
