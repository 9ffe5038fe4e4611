/// A text after one pass of ``TextScanner``: what exact and near duplicate detection hash.
public struct ScannedText: Sendable {
    /// The normalised UTF-8 bytes: NFC, case-folded, white space collapsed to single spaces.
    public let normalized: [UInt8]
    /// One 64-bit hash per word of the normalised text, in order.
    public let words: [UInt64]
}
