import AssayKit

/// Turns one PNG decode into reasons and metrics under the stage's options: libpng's structural
/// failures first (a file that does not decode gets only that reason), then libpng's warnings,
/// the PNG-only options, and the checks every format shares (``ImageInspection``).
struct PNGInspection {
    let options: ImageCheckOptions
    let stage: String
    private var shared: ImageInspection { ImageInspection(options: options, stage: stage) }

    /// The finding for `d`, with the fingerprint as payload when every row decoded.
    func finding(for d: PNGDecoding) -> Finding {
        var finding = Finding(metrics: metrics(of: d))
        if d.status != .ok {
            finding.reasons = [failure(d)]
            return finding
        }
        let (width, height) = d.displayedSize
        finding.reasons = structuralWarnings(d) + container(d)
            + shared.metadata(exif: d.chunks.exif, exifBytes: d.chunks.exifBytes, location: d.chunks.location, animated: d.chunks.animated,
                              trailingBytes: d.trailingBytes, format: .png)
            + shared.shape(width: Int(width), height: Int(height)) + pngOnly(d) + shared.content(d.measures)
        finding.fingerprint = shared.fingerprint(d.measures, width: width, height: height)
        return finding
    }

    func metrics(of d: PNGDecoding) -> [String: Double] {
        var m: [String: Double] = [
            "png.warnings": Double(d.warnings),
            "png.chunks": Double(d.chunks.chunks),
            "png.metadata_chunks": Double(d.chunks.ancillaryChunks),
            "image.metadata_bytes": Double(d.chunks.ancillaryBytes),
            "image.exif": d.chunks.exif ? 1 : 0,
            "image.location": d.chunks.location ? 1 : 0,
            "image.animated": d.chunks.animated ? 1 : 0,
            "image.orientation": Double(d.chunks.orientation),
        ]
        if d.chunks.exif { m["png.exif_bytes"] = Double(d.chunks.exifBytes) }
        if d.chunks.iccpBytes > 0 { m["png.iccp_bytes"] = Double(d.chunks.iccpBytes) }
        let (width, height) = d.displayedSize
        if width > 0, height > 0 {
            m["image.width"] = Double(width)
            m["image.height"] = Double(height)
        }
        if d.width > 0 {
            m["image.bits_per_sample"] = Double(d.bitDepth)
            m["png.bit_depth"] = Double(d.bitDepth)
            m["png.color_type"] = Double(d.colorType)
            m["png.interlaced"] = d.interlaced ? 1 : 0
        }
        if d.status == .ok {
            m["png.text_bytes"] = Double(d.textBytes)
            m["image.trailing_bytes"] = Double(d.trailingBytes)
            m.merge(shared.measureMetrics(d.measures)) { $1 }
            m["image.gray_as_color"] = d.isGrayStoredAsColor ? 1 : 0
        }
        // The names these metrics had before image-check judged every format, for one version.
        for (name, value) in m where name.hasPrefix("image.") {
            let old = "png." + name.dropFirst("image.".count)
            if Self.formerMetricNames.contains(old), m[old] == nil { m[old] = value }
        }
        return m
    }

    /// png-check's metric names that became `image.*`; written beside the new names for one version.
    static let formerMetricNames: Set<String> = [
        "png.metadata_bytes", "png.exif", "png.animated", "png.width", "png.height", "png.trailing_bytes", "png.luma_mean",
        "png.luma_stddev", "png.alpha_mean", "png.brightness_p99", "png.brightness_p5", "png.entropy", "png.sharpness",
        "png.chroma_max", "png.gray_as_color",
    ]

    // MARK: - Decoding failures

    private func failure(_ d: PNGDecoding) -> Reason {
        let said = d.message.isEmpty ? "" : " (libpng: \(d.message))"
        switch d.status {
        case .ok: return reason(PNGReasons.decode, "decoded") // not reached: callers check .ok
        case .signature: return reason(PNGReasons.signature, d.message, value: .number(Double(d.length)))
        case .crc: return reason(PNGReasons.crc, "chunk CRC mismatch\(said)")
        case .ihdr:
            let details = d.warningText.split(separator: "\n").joined(separator: "; ")
            return reason(PNGReasons.ihdr, "invalid IHDR" + (details.isEmpty ? said : ": \(details)"))
        case .chunk: return reason(PNGReasons.chunk, "malformed chunk\(said)")
        case .chunkOrder: return reason(PNGReasons.chunkOrder, "chunk out of order\(said)")
        case .missingIDAT: return reason(PNGReasons.missingIDAT, "no image data: the file ends (IEND) before any pixels (IDAT)")
        case .zlib: return reason(PNGReasons.zlib, "corrupt compressed image data\(said)")
        case .filter: return reason(PNGReasons.filter, "undefined row filter type\(said)")
        case .idatShort: return reason(PNGReasons.idatShort, "the image data ends before the last row\(said)")
        case .idatExtra: return reason(PNGReasons.idatExtra, "image data after the last row\(said)")
        case .truncated: return reason(PNGReasons.truncated, d.message, value: .number(Double(d.length)))
        case .missingIEND: return reason(PNGReasons.missingIEND, d.message)
        case .tooLarge:
            return shared.tooLarge(width: Int(d.width > 0 ? d.width : d.chunks.headerWidth),
                                   height: Int(d.height > 0 ? d.height : d.chunks.headerHeight), message: d.message)
        case .metadata:
            return reason(ImageReasons.metadataSize, "a metadata chunk is larger than the \(options.maxMetadataBytes) bytes allowed\(said)",
                          value: d.chunks.largestAncillary > UInt64(options.maxMetadataBytes) ? .number(Double(d.chunks.largestAncillary)) : nil,
                          limit: .number(Double(options.maxMetadataBytes)))
        case .noMemory: return reason(ImageReasons.noMemory, "out of memory\(said)")
        case .other: return reason(PNGReasons.decode, "libpng refused the file: \(d.message)")
        }
    }

    // MARK: - Checks on a decoded image

    /// Benign libpng errors that still break the format.
    private func structuralWarnings(_ d: PNGDecoding) -> [Reason] {
        var reasons: [Reason] = []
        let said = d.notableWarning.isEmpty ? "" : " (libpng: \(d.notableWarning))"
        if d.warningClasses.contains(.zlib) {
            reasons.append(reason(PNGReasons.zlib, "corrupt end of the compressed image data\(said)"))
        }
        if d.warningClasses.contains(.idatExtra) {
            reasons.append(reason(PNGReasons.idatExtra, "image data after the last row\(said)"))
        }
        if d.warningClasses.contains(.order) {
            reasons.append(reason(PNGReasons.chunkOrder, "ancillary chunk out of place or repeated\(said)"))
        }
        if options.warningsFatal, d.warnings > 0, reasons.isEmpty {
            let first = d.warningText.split(separator: "\n").first.map(String.init) ?? ""
            reasons.append(reason(PNGReasons.warning, "libpng warning: \(first)", value: .number(Double(d.warnings)),
                                  limit: 0))
        }
        return reasons
    }

    /// Metadata over the budget: stored, inflated, or in too many chunks.
    private func container(_ d: PNGDecoding) -> [Reason] {
        let budget = UInt64(max(0, options.maxMetadataBytes))
        let largest = max(d.chunks.ancillaryBytes, d.textBytes)
        if largest > budget {
            return [reason(ImageReasons.metadataSize, "\(largest) bytes of metadata (text, colour profile, EXIF), more than the \(budget) allowed",
                           value: .number(Double(largest)), limit: .number(Double(budget)))]
        }
        if d.warningClasses.contains(.metadata) {
            return [reason(ImageReasons.metadataSize, "a metadata chunk unpacks to more than the \(budget) bytes allowed\(notable(d))",
                           limit: .number(Double(budget)))]
        }
        if d.chunks.ancillaryChunks > options.maxMetadataChunks {
            return [reason(ImageReasons.metadataSize, "\(d.chunks.ancillaryChunks) metadata chunks, more than the \(options.maxMetadataChunks) allowed",
                           value: .number(Double(d.chunks.ancillaryChunks)), limit: .number(Double(options.maxMetadataChunks)))]
        }
        return []
    }

    /// The PNG-only options: bit depth, colour type, interlacing.
    private func pngOnly(_ d: PNGDecoding) -> [Reason] {
        var reasons: [Reason] = []
        if !options.bitDepths.contains(String(d.bitDepth)) {
            reasons.append(reason(PNGReasons.bitDepth, "\(d.bitDepth)-bit samples are not allowed",
                                  value: .number(Double(d.bitDepth)), limit: .text(options.bitDepths.joined(separator: ", "))))
        }
        let typeName = PNGColorType(rawValue: d.colorType)?.name ?? String(d.colorType)
        if !options.colorTypes.contains(typeName) {
            reasons.append(reason(PNGReasons.colorType, "colour type \(typeName) is not allowed",
                                  value: .text(typeName), limit: .text(options.colorTypes.joined(separator: ", "))))
        }
        if !options.allowInterlaced, d.interlaced {
            reasons.append(reason(PNGReasons.interlaced, "the image is Adam7-interlaced"))
        }
        return reasons
    }

    private func notable(_ d: PNGDecoding) -> String {
        d.notableWarning.isEmpty ? "" : " (libpng: \(d.notableWarning))"
    }

    private func reason(_ code: ReasonCode, _ message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) -> Reason {
        Reason(code, stage: stage, message: message, value: value, limit: limit)
    }
}
