import CDocxShim

/// The paragraphs of a DOCX, read in process by the C shim over libzip and libxml2
/// (`Sources/CDocxShim`): zip bounds checked before inflating, inflated bytes counted while
/// streaming word/document.xml into libxml2's reader, no DTD, entity substitution or network.
enum DOCXText {
    /// The text of `bytes`, or the problem that stops it, within `cpuSeconds` of this thread's CPU.
    static func extract(_ bytes: [UInt8], limits: DocumentLimits, cpuSeconds: Double) throws(DocumentProblem) -> ExtractedText {
        var bounds = assay_docx_limits(max_entries: limits.maxEntries, max_declared: limits.maxDeclaredBytes,
                                       max_inflated: limits.maxInflatedBytes, max_ratio: limits.maxRatio,
                                       max_text: UInt64(limits.maxTextBytes), max_depth: limits.maxDepth,
                                       max_cpu_seconds: cpuSeconds.isFinite ? cpuSeconds : 86_400)
        var outcome = assay_docx_outcome()
        var text: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            assay_docx_text(buffer.baseAddress, buffer.count, &bounds, &text, &length, &outcome)
        }
        defer { assay_docx_free(text) }
        let message = withUnsafeBytes(of: outcome.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let value = Double(outcome.value), limit = Double(outcome.limit)
        switch status {
        case ASSAY_DOCX_OK:
            break
        case ASSAY_DOCX_ENCRYPTED: throw .encrypted(message)
        case ASSAY_DOCX_ENTRIES: throw .tooLarge(message, value: value, limit: limit)
        case ASSAY_DOCX_INFLATED: throw .tooLarge(message, value: value, limit: limit)
        case ASSAY_DOCX_RATIO: throw .tooLarge(message, value: value, limit: limit)
        case ASSAY_DOCX_TEXT: throw .tooLarge(message, value: value, limit: limit)
        case ASSAY_DOCX_DEPTH: throw .tooLarge(message, value: value, limit: limit)
        case ASSAY_DOCX_TIMEOUT: throw .timeout("the DOCX " + message)
        case ASSAY_DOCX_NO_MEMORY: throw .toolMissing("reading the DOCX ran out of memory")
        default: throw .corrupt(message.isEmpty ? "the DOCX cannot be read" : message)
        }
        guard let text else { throw .noText }
        let extracted = UnsafeRawBufferPointer(start: text, count: length).map { $0 }
        guard extracted.contains(where: { $0 > 0x20 }) else { throw .noText }
        return ExtractedText(bytes: extracted, pages: nil)
    }
}
