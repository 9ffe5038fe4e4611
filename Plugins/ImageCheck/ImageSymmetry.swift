import CImageShim

/// One of the 8 symmetries of the square (the dihedral group): how a picture can be mirrored or
/// turned by quarter turns and still be the same picture. The raw value is the C shim's index:
/// bit 0 mirrors left–right, bit 1 flips top–bottom, then bit 2 swaps rows and columns.
public struct ImageSymmetry: Sendable, Hashable, CaseIterable {
    /// 0...7, as in `assay_png_result.phash_variants`.
    public let rawValue: Int

    /// The picture as it is.
    public static let identity = ImageSymmetry(rawValue: 0)

    /// All eight, identity first.
    public static let allCases = (0..<8).map(ImageSymmetry.init(rawValue:))

    /// How a person would say the picture was changed.
    public var phrase: String {
        switch rawValue {
        case 0: "as it is"
        case 1: "mirrored"
        case 2: "flipped upside down"
        case 3: "turned 180°"
        case 5, 6: "turned 90°"
        default: "mirrored along a diagonal"
        }
    }

    /// An 8 × 8 bit grid (the mean hash's layout, cell y, x at bit 63 − (8y + x)) under this symmetry.
    public func apply(toGrid bits: UInt64) -> UInt64 {
        assay_png_dihedral_bits(bits, UInt32(rawValue))
    }
}
