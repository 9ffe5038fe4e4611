// The Swift names of the stage before it judged every picture format, for one version
// (CHANGELOG.md, "Renamed").

/// `png-check`'s type, now ``ImageCheck``.
@available(*, deprecated, renamed: "ImageCheck")
public typealias PNGCheck = ImageCheck

/// `png-check`'s options, now ``ImageCheckOptions``.
@available(*, deprecated, renamed: "ImageCheckOptions")
public typealias PNGCheckOptions = ImageCheckOptions

/// `png-check`'s duplicate fingerprint, now ``ImageFingerprint``.
@available(*, deprecated, renamed: "ImageFingerprint")
public typealias PNGFingerprint = ImageFingerprint

/// The symmetries of the square, now ``ImageSymmetry``.
@available(*, deprecated, renamed: "ImageSymmetry")
public typealias PNGSymmetry = ImageSymmetry
