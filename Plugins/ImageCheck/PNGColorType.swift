/// The five PNG colour types, with the names used in options and messages.
public enum PNGColorType: Int, CaseIterable, Sendable {
    /// Greyscale.
    case gray = 0
    /// Red, green, blue.
    case rgb = 2
    /// Indices into a palette.
    case palette = 3
    /// Greyscale with alpha.
    case grayAlpha = 4
    /// Red, green, blue with alpha.
    case rgba = 6

    /// The name in options and messages.
    public var name: String {
        switch self {
        case .gray: "gray"
        case .rgb: "rgb"
        case .palette: "palette"
        case .grayAlpha: "gray_alpha"
        case .rgba: "rgba"
        }
    }

    /// The bit depths PNG defines, as option values.
    public static let bitDepthNames = ["1", "2", "4", "8", "16"]
}
