import AssayKit

/// `png-check`: decodes every row of a PNG with libpng (through a C shim that owns every setjmp),
/// rejects damaged, hostile and out-of-policy files, and finds exact and near duplicate images.
public struct PNGCheck: StatefulValidator {
    /// The options type.
    public typealias Options = PNGCheckOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "png-check",
        summary: "Full libpng decode under memory limits; size, format, blank and metadata checks; exact and near duplicate images.",
        modalities: [.image],
        reasonCodes: PNGReasons.all,
        fileExtensions: ["png"],
        headlineMetrics: [HeadlineMetric("png.width", title: "Image width (px)"), HeadlineMetric("png.height", title: "Image height (px)")],
        examples: examples,
        codesWithoutExamples: [
            "png.no_memory": "Given only when an allocation fails: the decoder's context, libpng's structures, or one RGBA row, which is at most 8 MB (max_width is at most 1,000,000 px, plus 4 bytes of scratch a pixel). Chunk sizes are bounded before libpng allocates them (png.metadata_size, png.truncated), so no file makes an allocation fail on a machine with memory to spare; no test covers it.",
        ]
    )

    /// The effective options.
    public let options: PNGCheckOptions
    private let limits: PNGDecodeLimits

    /// Builds the stage; rejects contradictory options.
    public init(options: PNGCheckOptions) throws(OptionsError) {
        if options.minWidth > options.maxWidth {
            throw OptionsError("min_width (\(options.minWidth)) is above max_width (\(options.maxWidth))")
        }
        if options.minHeight > options.maxHeight {
            throw OptionsError("min_height (\(options.minHeight)) is above max_height (\(options.maxHeight))")
        }
        if let low = options.minAspectRatio, let high = options.maxAspectRatio, low > high {
            throw OptionsError("min_aspect_ratio (\(low)) is above max_aspect_ratio (\(high))")
        }
        if options.bitDepths.isEmpty { throw OptionsError("bit_depths is empty: no image could pass") }
        if options.colorTypes.isEmpty { throw OptionsError("color_types is empty: no image could pass") }
        if options.maxMetadataBytes < 1 { throw OptionsError("max_metadata_bytes must be at least 1 byte") }
        self.options = options
        limits = PNGDecodeLimits(
            maxWidth: UInt32(options.maxWidth), maxHeight: UInt32(options.maxHeight), maxPixels: UInt64(options.maxPixels),
            // A little over the budget: the chunk walk rejects first, and libpng never caches more.
            chunkCacheMax: UInt32(options.maxMetadataChunks + 2), chunkMallocMax: UInt64(options.maxMetadataBytes),
            ancillaryCRCFatal: options.ancillaryCRCFatal)
    }

    /// Decodes the file and applies every per-file check.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let decoding = PNGDecoder.decode(file.bytes, limits: limits)
        return PNGInspection(options: options, stage: stageName).finding(for: decoding)
    }

    /// Rejects an image whose pixels, or nearly whose picture, an earlier admitted file has.
    public func decide(_ print: PNGFingerprint, of file: Verdict, among admitted: AdmittedFiles<PNGFingerprint>) -> Decision {
        if options.exactDuplicates, let earlier = admitted.exactCopy(of: print) {
            let reason = Reason(PNGReasons.dupExact, stage: stageName, message: "same pixels as \(earlier.file.path)", value: 0, limit: 0)
            return Decision(reasons: [reason], metrics: ["png.dup_distance": 0], duplicateOf: earlier.file)
        }
        guard options.nearDuplicates else { return Decision() }
        let symmetries = options.nearDupSymmetries ? PNGSymmetry.allCases : [.identity]
        var best: (file: FileRef, distance: Int, symmetry: PNGSymmetry, order: Int, crop: Bool)?
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
        let reason = Reason(PNGReasons.dupNear, stage: stageName,
                            message: "nearly the same picture as \(best.file.path)\(how): perceptual hashes \(best.distance) bits apart",
                            value: .number(Double(best.distance)), limit: .number(Double(options.nearDupDistance)))
        return Decision(reasons: [reason], metrics: ["png.dup_distance": Double(best.distance)], duplicateOf: best.file)
    }
}
