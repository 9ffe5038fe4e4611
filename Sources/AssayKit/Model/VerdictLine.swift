/// Writes the verdict line, a public contract: keys may be added, never renamed or removed.
///
/// `{"path", "contributor", "modality", "bytes", "sha256", "mime", "submitted_at", "verdict",
/// "reasons": [{"code", "stage", "message", "value", "limit"}], "metrics", "duplicate_of", "root",
/// "duplicate_of_root"}`: `path` and `duplicate_of` are relative to `root` and `duplicate_of_root`.
public enum VerdictLine {
    /// The JSON line (without newline) for a verdict; metrics are sorted by name.
    public static func encode(_ j: Verdict) -> String {
        var w = JSONWriter()
        w.raw("{\"path\":"); w.string(j.path)
        w.raw(",\"contributor\":"); w.string(j.contributor)
        w.raw(",\"modality\":"); w.string(j.modality)
        w.raw(",\"bytes\":"); w.number(Double(j.bytes))
        w.raw(",\"sha256\":"); w.optionalString(j.sha256)
        w.raw(",\"mime\":"); w.optionalString(j.mime)
        w.raw(",\"submitted_at\":"); w.string(RFC3339.format(j.submittedAt))
        w.raw(",\"verdict\":"); w.string(j.verdict.rawValue)
        w.raw(",\"reasons\":[")
        for (i, reason) in j.reasons.enumerated() {
            if i > 0 { w.raw(",") }
            w.reason(reason)
        }
        w.raw("],\"metrics\":{")
        for (i, key) in j.metrics.keys.sorted().enumerated() {
            if i > 0 { w.raw(",") }
            w.string(key)
            w.raw(":")
            w.number(j.metrics[key] ?? 0)
        }
        w.raw("},\"duplicate_of\":"); w.optionalString(j.duplicateOf?.path)
        w.raw(",\"root\":"); w.string(j.root)
        w.raw(",\"duplicate_of_root\":"); w.optionalString(j.duplicateOf?.root)
        w.raw("}")
        return w.string
    }
}

extension JSONWriter {
    /// Appends a reason object.
    public mutating func reason(_ reason: Reason) {
        raw("{\"code\":"); string(reason.code)
        raw(",\"stage\":"); string(reason.stage)
        raw(",\"message\":"); string(reason.message)
        raw(",\"value\":"); reasonValue(reason.value)
        raw(",\"limit\":"); reasonValue(reason.limit)
        if let hint = reason.hint {
            raw(",\"hint\":")
            string(hint)
        }
        raw("}")
    }

    private mutating func reasonValue(_ value: ReasonValue?) {
        switch value {
        case nil: raw("null")
        case let .number(n)?: number(n)
        case let .text(t)?: string(t)
        }
    }
}
