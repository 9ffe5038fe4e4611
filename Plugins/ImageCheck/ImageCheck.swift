import AssayKit

/// `image-check` (formerly `png-check`): decodes every pixel of a PNG, JPEG, WebP, TIFF or BMP
/// with the library made for the format (each behind a C shim that owns its error handling),
/// rejects damaged, hostile and out-of-policy files, judges the picture as people see it, and
/// finds exact and near duplicates across formats.
public struct ImageCheck: StatefulValidator {
    /// The options type.
    public typealias Options = ImageCheckOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "image-check",
        formerNames: ["png-check"],
        summary: "Full decode of PNG, JPEG, WebP, TIFF and BMP under memory limits; integrity, size, content, blur, location and metadata checks; exact and near duplicates across formats.",
        modalities: [.image],
        version: 3,
        reasonCodes: ImageReasons.all,
        fileExtensions: ImageFormat.allCases.flatMap(\.fileExtensions),
        headlineMetrics: [HeadlineMetric("image.width", title: "Image width (px)"), HeadlineMetric("image.height", title: "Image height (px)")],
        examples: examples,
        codesWithoutExamples: codesWithoutExamples
    )

    /// The effective options.
    public let options: ImageCheckOptions
    private let pngLimits: PNGDecodeLimits
    private let limits: ImageDecodeLimits
    private let formats: Set<ImageFormat>

    /// Builds the stage; rejects contradictory options.
    public init(options: ImageCheckOptions) throws(OptionsError) {
        if options.minWidth > options.maxWidth {
            throw OptionsError("min_width (\(options.minWidth)) is above max_width (\(options.maxWidth))")
        }
        if options.minHeight > options.maxHeight {
            throw OptionsError("min_height (\(options.minHeight)) is above max_height (\(options.maxHeight))")
        }
        if let low = options.minAspectRatio, let high = options.maxAspectRatio, low > high {
            throw OptionsError("min_aspect_ratio (\(low)) is above max_aspect_ratio (\(high))")
        }
        if options.formats.isEmpty { throw OptionsError("formats is empty: no image could pass") }
        if options.bitDepths.isEmpty { throw OptionsError("bit_depths is empty: no image could pass") }
        if options.colorTypes.isEmpty { throw OptionsError("color_types is empty: no image could pass") }
        if options.maxMetadataBytes < 1 { throw OptionsError("max_metadata_bytes must be at least 1 byte") }
        if options.maxDecodeMemory < 1 << 20 { throw OptionsError("max_decode_memory must be at least 1 MB") }
        self.options = options
        formats = Set(options.formats.compactMap(ImageFormat.init(rawValue:)))
        pngLimits = PNGDecodeLimits(
            maxWidth: UInt32(options.maxWidth), maxHeight: UInt32(options.maxHeight), maxPixels: UInt64(options.maxPixels),
            // A little over the budget: the chunk walk rejects first, and libpng never caches more.
            chunkCacheMax: UInt32(options.maxMetadataChunks + 2), chunkMallocMax: UInt64(options.maxMetadataBytes),
            ancillaryCRCFatal: options.ancillaryCRCFatal)
        limits = ImageDecodeLimits(
            maxWidth: UInt32(options.maxWidth), maxHeight: UInt32(options.maxHeight), maxPixels: UInt64(options.maxPixels),
            maxMetadataBytes: UInt64(options.maxMetadataBytes), maxMemory: UInt64(options.maxDecodeMemory))
    }

    /// The decoder libraries' versions: a new libjpeg, libwebp or libtiff may judge a file differently.
    public var implementationFingerprint: String? { PictureDecoder.libraryVersions }

    /// Tells the format by the first bytes, decodes the file and applies every per-file check.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let shared = ImageInspection(options: options, stage: stageName)
        guard let format = ImageFormat.sniff(file.bytes) ?? ImageFormat(mime: file.mime) else {
            return Finding(reasons: [shared.reason(ImageReasons.format, "not a picture in a format image-check reads (\(file.mime)); it takes \(options.formats.joined(separator: ", "))",
                                                   value: .text(file.mime), limit: .text(options.formats.joined(separator: ", ")))])
        }
        guard formats.contains(format) else {
            return Finding(reasons: [shared.reason(ImageReasons.format, "a \(format.displayName) picture; this datanet takes \(options.formats.joined(separator: ", "))",
                                                   value: .text(format.rawValue), limit: .text(options.formats.joined(separator: ", ")))])
        }
        if format == .png {
            return PNGInspection(options: options, stage: stageName).finding(for: PNGDecoder.decode(file.bytes, limits: pngLimits))
        }
        return shared.finding(for: PictureDecoder.decode(file.bytes, as: format, limits: limits))
    }

    /// Rejects an image whose pixels, or nearly whose picture, an earlier admitted file has.
    public func decide(_ print: ImageFingerprint, of file: Verdict, among admitted: AdmittedFiles<ImageFingerprint>) -> Decision {
        if options.exactDuplicates, let earlier = admitted.exactCopy(of: print) {
            let reason = Reason(ImageReasons.dupExact, stage: stageName, message: "same pixels as \(earlier.file.path)", value: 0, limit: 0)
            return Decision(reasons: [reason], metrics: ["image.dup_distance": 0, "png.dup_distance": 0], duplicateOf: earlier.file)
        }
        guard options.nearDuplicates else { return Decision() }
        let symmetries = options.nearDupSymmetries ? ImageSymmetry.allCases : [.identity]
        var best: (file: FileRef, distance: Int, symmetry: ImageSymmetry, order: Int, crop: Bool)?
        for symmetry in symmetries {
            // Mirrors and turns are probed band-exact: a mirrored or turned copy of a file keeps
            // most of its bits under that symmetry, so one of its three bands is unchanged.
            var keys = print.probeKeys(distance: options.nearDupDistance, symmetry: symmetry, exactBands: symmetry != .identity)
            if symmetry == .identity { keys += print.cropProbeKeys }
            for (order, earlier) in admitted.candidates(forKeys: keys).enumerated() {
                let (distance, crop) = print.closestDistance(to: earlier.fingerprint, under: symmetry)
                // The mean hash confirms whole-picture matches; a crop moves its 8 × 8 blocks.
                guard distance <= options.nearDupDistance,
                      crop || print.meanDistance(to: earlier.fingerprint, under: symmetry) <= options.nearDupMeanDistance else { continue }
                // Closest wins; on a tie the upright reading, then the first admitted.
                if let current = best, (current.distance, current.symmetry.rawValue, current.order) <= (distance, symmetry.rawValue, order) { continue }
                best = (earlier.file, distance, symmetry, order, crop)
            }
        }
        guard let best else { return Decision() }
        let how = best.crop ? ", cropped or uncropped by about 5% a side" : best.symmetry == .identity ? "" : " \(best.symmetry.phrase)"
        let reason = Reason(ImageReasons.dupNear, stage: stageName,
                            message: "nearly the same picture as \(best.file.path)\(how): perceptual hashes \(best.distance) bits apart",
                            value: .number(Double(best.distance)), limit: .number(Double(options.nearDupDistance)))
        return Decision(reasons: [reason], metrics: ["image.dup_distance": Double(best.distance), "png.dup_distance": Double(best.distance)], duplicateOf: best.file)
    }
}
