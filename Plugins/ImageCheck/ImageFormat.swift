/// A picture format `image-check` decodes, told by the file's first bytes (never by its name).
public enum ImageFormat: String, CaseIterable, Sendable {
    /// PNG, through libpng.
    case png
    /// JPEG (JFIF or EXIF), through libjpeg-turbo.
    case jpeg
    /// WebP, lossy or lossless, still or animated, through libwebp.
    case webp
    /// TIFF (classic and BigTIFF), through libtiff.
    case tiff
    /// Windows and OS/2 bitmaps, through Assay's own bounded reader.
    case bmp

    /// The format whose signature `bytes` starts with; nil for anything else.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        // A PNG signature with a byte or two damaged (a text-mode transfer, a 7-bit channel) is
        // still a PNG, so libpng can say what is wrong with it (png.signature).
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.count >= 8, zip(bytes.prefix(8), png).filter({ $0 == $1 }).count >= 6 || starts(Array("PNG".utf8), at: 1) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("II*\0".utf8)) || starts(Array("MM\0*".utf8)) || starts(Array("II+\0".utf8)) || starts(Array("MM\0+".utf8)) {
            return .tiff
        }
        if starts(Array("BM".utf8)), bytes.count >= 18 { return .bmp }
        return nil
    }

    /// The format libmagic named, for a file whose signature is damaged (a PNG whose line-ending
    /// bytes went through a text-mode transfer): its decoder then says what is wrong.
    public init?(mime: String) {
        switch mime.split(separator: ";").first.map(String.init) ?? mime {
        case "image/png": self = .png
        case "image/jpeg": self = .jpeg
        case "image/webp": self = .webp
        case "image/tiff": self = .tiff
        case "image/bmp", "image/x-ms-bmp": self = .bmp
        default: return nil
        }
    }

    /// The file name extensions people give the format, for `assay check`.
    public var fileExtensions: [String] {
        switch self {
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg", "jpe", "jfif"]
        case .webp: ["webp"]
        case .tiff: ["tif", "tiff"]
        case .bmp: ["bmp", "dib"]
        }
    }

    /// The library that decodes it, as messages name it.
    public var decoderName: String {
        switch self {
        case .png: "libpng"
        case .jpeg: "libjpeg"
        case .webp: "libwebp"
        case .tiff: "libtiff"
        case .bmp: "the BMP reader"
        }
    }

    /// Its name in messages (`JPEG`, `WebP`).
    public var displayName: String { self == .webp ? "WebP" : rawValue.uppercased() }
}
