import AssayKit

/// Turns one decode into reasons and metrics under the stage's options: structural failures
/// first (a file that does not decode gets only that reason), then the configured checks.
struct PNGInspection {
    let options: PNGCheckOptions
    let stage: String

    /// The finding for `d`, with the fingerprint as payload when every row decoded.
    func finding(for d: PNGDecoding) -> Finding {
        var finding = Finding(metrics: metrics(of: d))
        if d.status != .ok {
            finding.reasons = [failure(d)]
            return finding
        }
        finding.reasons = structuralWarnings(d) + container(d) + shape(d) + content(d)
        finding.fingerprint = PNGFingerprint(pixelHash: d.pixelHash, symmetricHashes: d.symmetricHashes, meanHash: d.meanHash, innerHash: d.innerHash,
                                             width: d.width, height: d.height)
        return finding
    }

    func metrics(of d: PNGDecoding) -> [String: Double] {
        var m: [String: Double] = [
            "png.warnings": Double(d.warnings),
            "png.chunks": Double(d.chunks.chunks),
            "png.metadata_chunks": Double(d.chunks.ancillaryChunks),
            "png.metadata_bytes": Double(d.chunks.ancillaryBytes),
            "png.exif": d.chunks.exif ? 1 : 0,
            "png.animated": d.chunks.animated ? 1 : 0,
        ]
        if d.chunks.exif { m["png.exif_bytes"] = Double(d.chunks.exifBytes) }
        if d.chunks.iccpBytes > 0 { m["png.iccp_bytes"] = Double(d.chunks.iccpBytes) }
        let width = d.width > 0 ? d.width : d.chunks.headerWidth
        let height = d.height > 0 ? d.height : d.chunks.headerHeight
        if width > 0, height > 0 {
            m["png.width"] = Double(width)
            m["png.height"] = Double(height)
        }
        if d.width > 0 {
            m["png.bit_depth"] = Double(d.bitDepth)
            m["png.color_type"] = Double(d.colorType)
            m["png.interlaced"] = d.interlaced ? 1 : 0
        }
        if d.status == .ok {
            m["png.text_bytes"] = Double(d.textBytes)
            m["png.trailing_bytes"] = Double(d.trailingBytes)
            m["png.luma_mean"] = d.lumaMean
            m["png.luma_stddev"] = d.lumaStddev
            m["png.alpha_mean"] = d.alphaMean
            m["png.brightness_p99"] = d.brightnessP99
            m["png.brightness_p5"] = d.brightnessP5
            m["png.entropy"] = d.entropy
            if let sharpness = d.sharpness { m["png.sharpness"] = sharpness }
            m["png.chroma_max"] = Double(d.chromaMax)
            m["png.gray_as_color"] = d.isGrayStoredAsColor ? 1 : 0
        }
        return m
    }

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
        case .tooLarge: return tooLarge(d)
        case .metadata:
            return reason(PNGReasons.metadataSize, "a metadata chunk is larger than the \(options.maxMetadataBytes) bytes allowed\(said)",
                          value: d.chunks.largestAncillary > UInt64(options.maxMetadataBytes) ? .number(Double(d.chunks.largestAncillary)) : nil,
                          limit: .number(Double(options.maxMetadataBytes)))
        case .noMemory: return reason(PNGReasons.noMemory, "out of memory\(said)")
        case .other: return reason(PNGReasons.decode, "libpng refused the file: \(d.message)")
        }
    }

    private func tooLarge(_ d: PNGDecoding) -> Reason {
        let width = Int(d.width > 0 ? d.width : d.chunks.headerWidth)
        let height = Int(d.height > 0 ? d.height : d.chunks.headerHeight)
        let size = "\(width) × \(height) px"
        if width > options.maxWidth {
            return reason(PNGReasons.tooLarge, "\(size): wider than the \(options.maxWidth) px allowed", value: .number(Double(width)),
                          limit: .number(Double(options.maxWidth)))
        }
        if height > options.maxHeight {
            return reason(PNGReasons.tooLarge, "\(size): taller than the \(options.maxHeight) px allowed", value: .number(Double(height)),
                          limit: .number(Double(options.maxHeight)))
        }
        return reason(PNGReasons.tooLarge, "\(size) = \(width * height) pixels, more than the \(options.maxPixels) allowed",
                      value: .number(Double(width * height)), limit: .number(Double(options.maxPixels)))
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

    /// Trailing data, animation, metadata.
    private func container(_ d: PNGDecoding) -> [Reason] {
        var reasons: [Reason] = []
        if options.rejectTrailingData, d.trailingBytes > 0 {
            reasons.append(reason(PNGReasons.trailingData, "\(d.trailingBytes) bytes follow the end of the image (its IEND chunk)",
                                  value: .number(Double(d.trailingBytes)), limit: 0))
        }
        if options.rejectAnimated, d.chunks.animated {
            reasons.append(reason(PNGReasons.animated, "animated PNG (acTL chunk)"))
        }
        let budget = UInt64(max(0, options.maxMetadataBytes))
        let largest = max(d.chunks.ancillaryBytes, d.textBytes)
        if largest > budget {
            reasons.append(reason(PNGReasons.metadataSize, "\(largest) bytes of metadata (text, colour profile, EXIF), more than the \(budget) allowed",
                                  value: .number(Double(largest)), limit: .number(Double(budget))))
        } else if d.warningClasses.contains(.metadata) {
            reasons.append(reason(PNGReasons.metadataSize, "a metadata chunk unpacks to more than the \(budget) bytes allowed\(notable(d))",
                                  limit: .number(Double(budget))))
        } else if d.chunks.ancillaryChunks > options.maxMetadataChunks {
            reasons.append(reason(PNGReasons.metadataSize, "\(d.chunks.ancillaryChunks) metadata chunks, more than the \(options.maxMetadataChunks) allowed",
                                  value: .number(Double(d.chunks.ancillaryChunks)),
                                  limit: .number(Double(options.maxMetadataChunks))))
        }
        if options.rejectExif, d.chunks.exif {
            reasons.append(reason(PNGReasons.exif, "eXIf chunk present (\(d.chunks.exifBytes) bytes)",
                                  value: .number(Double(d.chunks.exifBytes))))
        }
        return reasons
    }

    /// Size, shape and format.
    private func shape(_ d: PNGDecoding) -> [Reason] {
        var reasons: [Reason] = []
        let width = Int(d.width), height = Int(d.height)
        if width < options.minWidth {
            reasons.append(reason(PNGReasons.tooSmall, "\(width) × \(height) px: narrower than the \(options.minWidth) px required",
                                  value: .number(Double(width)), limit: .number(Double(options.minWidth))))
        } else if height < options.minHeight {
            reasons.append(reason(PNGReasons.tooSmall, "\(width) × \(height) px: shorter than the \(options.minHeight) px required",
                                  value: .number(Double(height)), limit: .number(Double(options.minHeight))))
        }
        let ratio = Double(width) / Double(height)
        if let low = options.minAspectRatio, ratio < low {
            reasons.append(reason(PNGReasons.aspectRatio, "width ÷ height is \(HumanNumber.format(ratio)), below the \(HumanNumber.format(low)) allowed: the picture is too tall and narrow",
                                  value: .number(ratio), limit: .number(low)))
        } else if let high = options.maxAspectRatio, ratio > high {
            reasons.append(reason(PNGReasons.aspectRatio, "width ÷ height is \(HumanNumber.format(ratio)), above the \(HumanNumber.format(high)) allowed: the picture is too wide and flat",
                                  value: .number(ratio), limit: .number(high)))
        }
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

    /// Blank, dark, light, blurry and low-information images. A blank image gets only `png.blank`:
    /// it is dark or light and detail-free by construction.
    private func content(_ d: PNGDecoding) -> [Reason] {
        if d.lumaStddev < options.blankStddev {
            return [reason(PNGReasons.blank, "blank or near-uniform image: the brightness varies by \(HumanNumber.format(d.lumaStddev)) "
                               + "(standard deviation of 0–255 luma), less than the \(HumanNumber.format(options.blankStddev)) required",
                           value: .number(d.lumaStddev), limit: .number(options.blankStddev))]
        }
        var reasons: [Reason] = []
        if let limit = options.minBrightnessP99, d.brightnessP99 < limit {
            reasons.append(reason(PNGReasons.dark, "too dark: 99% of the picture is darker than \(percent(d.brightnessP99)) brightness, under the \(percent(limit)) required",
                                  value: .number(d.brightnessP99), limit: .number(limit)))
        }
        if let limit = options.maxBrightnessP5, d.brightnessP5 > limit {
            reasons.append(reason(PNGReasons.light, "washed out: 95% of the picture is brighter than \(percent(d.brightnessP5)) brightness, over the \(percent(limit)) allowed",
                                  value: .number(d.brightnessP5), limit: .number(limit)))
        }
        if let limit = options.minSharpness, let sharpness = d.sharpness, sharpness < limit {
            reasons.append(reason(PNGReasons.blurry, "blurry: sharpness \(HumanNumber.format(sharpness)) (fine detail ÷ contrast at 64 px across), under the \(HumanNumber.format(limit)) required",
                                  value: .number(sharpness), limit: .number(limit)))
        }
        if let limit = options.minEntropy, d.entropy < limit {
            reasons.append(reason(PNGReasons.lowInformation, "little information: its brightness levels hold \(HumanNumber.format(d.entropy)) bits of entropy, under the \(HumanNumber.format(limit)) required",
                                  value: .number(d.entropy), limit: .number(limit)))
        }
        return reasons
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    private func notable(_ d: PNGDecoding) -> String {
        d.notableWarning.isEmpty ? "" : " (libpng: \(d.notableWarning))"
    }

    private func reason(_ code: ReasonCode, _ message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) -> Reason {
        Reason(code, stage: stage, message: message, value: value, limit: limit)
    }
}
