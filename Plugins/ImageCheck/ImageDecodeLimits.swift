/// Limits every picture decoder applies before it allocates anything the size of the picture.
public struct ImageDecodeLimits: Sendable {
    /// Widest accepted picture, in px.
    public var maxWidth: UInt32
    /// Tallest accepted picture, in px.
    public var maxHeight: UInt32
    /// Width × height budget.
    public var maxPixels: UInt64
    /// EXIF, XMP, ICC and comment bytes together.
    public var maxMetadataBytes: UInt64
    /// The most one library may allocate for one picture, in bytes (libjpeg's coefficient buffers
    /// of a progressive file, libtiff's single allocations).
    public var maxMemory: UInt64

    /// Creates limits.
    public init(maxWidth: UInt32, maxHeight: UInt32, maxPixels: UInt64, maxMetadataBytes: UInt64, maxMemory: UInt64) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.maxMetadataBytes = maxMetadataBytes
        self.maxMemory = maxMemory
    }
}
