import AssayKit

/// The checks every picture format shares, under the stage's options: size and shape as
/// displayed, position in the metadata, EXIF, animation, trailing bytes, and what the picture
/// looks like (blank, dark, light, blurry, low information). Also the whole finding of a JPEG,
/// WebP, TIFF or BMP; a PNG's adds libpng's own checks (``PNGInspection``).
struct ImageInspection {
    let options: ImageCheckOptions
    let stage: String

    /// The finding for a decoded JPEG, WebP, TIFF or BMP, with the fingerprint when it decoded.
    func finding(for d: PictureDecoding) -> Finding {
        var finding = Finding(metrics: metrics(of: d))
        if d.status != .ok {
            finding.reasons = [failure(d)]
            return finding
        }
        finding.reasons = metadata(exif: d.exif, exifBytes: d.exifBytes, location: d.location, animated: d.animated,
                                   trailingBytes: d.trailingBytes, format: d.format)
            + shape(width: Int(d.width), height: Int(d.height)) + content(d.measures)
        finding.fingerprint = fingerprint(d.measures, width: d.width, height: d.height)
        return finding
    }

    /// The duplicate fingerprint of a decoded picture, with its displayed size.
    func fingerprint(_ m: ImageMeasures, width: UInt32, height: UInt32) -> ImageFingerprint {
        ImageFingerprint(pixelHash: m.pixelHash, symmetricHashes: m.symmetricHashes, meanHash: m.meanHash, innerHash: m.innerHash,
                         width: width, height: height)
    }

    private func metrics(of d: PictureDecoding) -> [String: Double] {
        var m: [String: Double] = [
            "image.exif": d.exif ? 1 : 0,
            "image.location": d.location ? 1 : 0,
            "image.animated": d.animated ? 1 : 0,
            "image.metadata_bytes": Double(d.metadataBytes),
            "image.orientation": Double(d.orientation),
        ]
        if d.width > 0, d.height > 0 {
            m["image.width"] = Double(d.width)
            m["image.height"] = Double(d.height)
            m["image.bits_per_sample"] = Double(d.bitsPerSample)
        }
        if d.format == .jpeg { m["jpeg.progressive"] = d.progressive ? 1 : 0 }
        if d.format == .webp { m["webp.lossless"] = d.lossless ? 1 : 0 }
        if d.status == .ok {
            m["image.trailing_bytes"] = Double(d.trailingBytes)
            m["image.decode_scale"] = Double(d.decodeScale)
            m.merge(measureMetrics(d.measures)) { $1 }
        }
        return m
    }

    /// The metrics of the statistics, named `image.*`.
    func measureMetrics(_ measures: ImageMeasures) -> [String: Double] {
        var m: [String: Double] = [
            "image.luma_mean": measures.lumaMean,
            "image.luma_stddev": measures.lumaStddev,
            "image.alpha_mean": measures.alphaMean,
            "image.brightness_p99": measures.brightnessP99,
            "image.brightness_p5": measures.brightnessP5,
            "image.entropy": measures.entropy,
            "image.chroma_max": Double(measures.chromaMax),
        ]
        if let sharpness = measures.sharpness { m["image.sharpness"] = sharpness }
        if let width = measures.edgeWidth { m["image.edge_width"] = width }
        return m
    }

    private func failure(_ d: PictureDecoding) -> Reason {
        let codes = FormatReasons(format: d.format)
        let by = d.format.decoderName
        switch d.status {
        case .ok, .corrupt: return reason(codes.corrupt, "\(by): \(d.message)")
        case .signature: return reason(ImageReasons.format, "not a \(d.format.displayName) file after all: \(d.message)")
        case .truncated: return reason(codes.truncated, "the file is cut: \(d.message)")
        case .unsupported: return reason(codes.unsupported, "\(by) cannot decode it: \(d.message)")
        case .tooLarge: return tooLarge(width: Int(d.width), height: Int(d.height), message: d.message)
        case .metadata:
            return reason(ImageReasons.metadataSize, d.message, value: .number(Double(d.metadataBytes)), limit: .number(Double(options.maxMetadataBytes)))
        case .noMemory: return reason(ImageReasons.noMemory, "out of memory: \(d.message)", limit: .number(Double(options.maxDecodeMemory)))
        }
    }

    /// `image.too_large` for a header of `width` × `height` (0 when unknown).
    func tooLarge(width: Int, height: Int, message: String) -> Reason {
        let size = "\(width) × \(height) px"
        if width > options.maxWidth {
            return reason(ImageReasons.tooLarge, "\(size): wider than the \(options.maxWidth) px allowed", value: .number(Double(width)),
                          limit: .number(Double(options.maxWidth)))
        }
        if height > options.maxHeight {
            return reason(ImageReasons.tooLarge, "\(size): taller than the \(options.maxHeight) px allowed", value: .number(Double(height)),
                          limit: .number(Double(options.maxHeight)))
        }
        if width * height > options.maxPixels {
            return reason(ImageReasons.tooLarge, "\(size) = \(width * height) pixels, more than the \(options.maxPixels) allowed",
                          value: .number(Double(width * height)), limit: .number(Double(options.maxPixels)))
        }
        return reason(ImageReasons.tooLarge, message)
    }

    /// Position, EXIF, animation and bytes after the picture.
    func metadata(exif: Bool, exifBytes: UInt64, location: Bool, animated: Bool, trailingBytes: UInt64, format: ImageFormat) -> [Reason] {
        var reasons: [Reason] = []
        if options.rejectLocation, location {
            reasons.append(reason(ImageReasons.location, "the metadata says where the picture was taken (a GPS position); the position is not recorded here"))
        }
        if options.rejectExif, exif {
            reasons.append(reason(ImageReasons.exif, "EXIF metadata present (\(exifBytes) bytes)", value: .number(Double(exifBytes))))
        }
        if options.rejectAnimated, animated {
            let what = format == .tiff ? "a multi-page TIFF" : format == .png ? "an animated PNG (acTL chunk)" : "an animated \(format.displayName)"
            reasons.append(reason(ImageReasons.animated, "\(what): the dataset takes still pictures"))
        }
        if options.rejectTrailingData, trailingBytes > 0 {
            let end = format == .png ? "its IEND chunk" : format == .jpeg ? "its EOI marker" : format == .webp ? "its RIFF size" : "its pixel data"
            reasons.append(reason(ImageReasons.trailingData, "\(trailingBytes) bytes follow the end of the picture (\(end))",
                                  value: .number(Double(trailingBytes)), limit: 0))
        }
        return reasons
    }

    /// Size and shape as displayed.
    func shape(width: Int, height: Int) -> [Reason] {
        var reasons: [Reason] = []
        if width < options.minWidth {
            reasons.append(reason(ImageReasons.tooSmall, "\(width) × \(height) px: narrower than the \(options.minWidth) px required",
                                  value: .number(Double(width)), limit: .number(Double(options.minWidth))))
        } else if height < options.minHeight {
            reasons.append(reason(ImageReasons.tooSmall, "\(width) × \(height) px: shorter than the \(options.minHeight) px required",
                                  value: .number(Double(height)), limit: .number(Double(options.minHeight))))
        }
        let ratio = Double(width) / Double(max(height, 1))
        if let low = options.minAspectRatio, ratio < low {
            reasons.append(reason(ImageReasons.aspectRatio, "width ÷ height is \(HumanNumber.format(ratio)), below the \(HumanNumber.format(low)) allowed: the picture is too tall and narrow",
                                  value: .number(ratio), limit: .number(low)))
        } else if let high = options.maxAspectRatio, ratio > high {
            reasons.append(reason(ImageReasons.aspectRatio, "width ÷ height is \(HumanNumber.format(ratio)), above the \(HumanNumber.format(high)) allowed: the picture is too wide and flat",
                                  value: .number(ratio), limit: .number(high)))
        }
        return reasons
    }

    /// Blank, dark, light, blurry and low-information pictures. A blank picture gets only
    /// `image.blank`: it is dark or light and detail-free by construction.
    func content(_ d: ImageMeasures) -> [Reason] {
        if d.lumaStddev < options.blankStddev {
            return [reason(ImageReasons.blank, "blank or near-uniform image: the brightness varies by \(HumanNumber.format(d.lumaStddev)) "
                               + "(standard deviation of 0–255 luma), less than the \(HumanNumber.format(options.blankStddev)) required",
                           value: .number(d.lumaStddev), limit: .number(options.blankStddev))]
        }
        var reasons: [Reason] = []
        if let limit = options.minBrightnessP99, d.brightnessP99 < limit {
            reasons.append(reason(ImageReasons.dark, "too dark: 99% of the picture is darker than \(percent(d.brightnessP99)) brightness, under the \(percent(limit)) required",
                                  value: .number(d.brightnessP99), limit: .number(limit)))
        }
        if let limit = options.maxBrightnessP5, d.brightnessP5 > limit {
            reasons.append(reason(ImageReasons.light, "washed out: 95% of the picture is brighter than \(percent(d.brightnessP5)) brightness, over the \(percent(limit)) allowed",
                                  value: .number(d.brightnessP5), limit: .number(limit)))
        }
        if let limit = options.maxEdgeWidth, let width = d.edgeWidth, width > limit {
            reasons.append(reason(ImageReasons.blurry, "blurry: its edges are \(HumanNumber.format(width)) px wide at viewing size (at most 512 px across), wider than the \(HumanNumber.format(limit)) px allowed",
                                  value: .number(width), limit: .number(limit)))
        } else if let limit = options.minSharpness, let sharpness = d.sharpness, sharpness < limit {
            reasons.append(reason(ImageReasons.blurry, "blurry: sharpness \(HumanNumber.format(sharpness)) (fine detail ÷ contrast at 64 px across), under the \(HumanNumber.format(limit)) required",
                                  value: .number(sharpness), limit: .number(limit)))
        }
        if let limit = options.minEntropy, d.entropy < limit {
            reasons.append(reason(ImageReasons.lowInformation, "little information: its brightness levels hold \(HumanNumber.format(d.entropy)) bits of entropy, under the \(HumanNumber.format(limit)) required",
                                  value: .number(d.entropy), limit: .number(limit)))
        }
        return reasons
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    func reason(_ code: ReasonCode, _ message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) -> Reason {
        Reason(code, stage: stage, message: message, value: value, limit: limit)
    }
}
