import AssayCore

/// The readable block `assay check` prints per file: verdict, each reason with its value and
/// limit, and a hint on how to fix it.
enum CheckReport {
    static func block(for judgement: Verdict, registry: ValidatorRegistry) -> String {
        let mark = judgement.verdict == .accepted ? "ok  " : "FAIL"
        var lines = ["\(mark) \(judgement.path): \(judgement.verdict.rawValue)" + (judgement.mime.map { " (\($0))" } ?? "")]
        for reason in judgement.reasons {
            var line = "  - \(reason.code) [\(reason.stage)]: \(reason.message)"
            if let value = reason.value { line += "; value \(text(value))" }
            if let limit = reason.limit { line += ", limit \(text(limit))" }
            lines.append(line)
            if let hint = registry.hint(for: reason.code) { lines.append("    hint: \(hint)") }
        }
        if let original = judgement.duplicateOf { lines.append("    duplicate of: \(original.absolutePath)") }
        return lines.joined(separator: "\n")
    }

    private static func text(_ value: ReasonValue) -> String {
        switch value {
        case let .number(n): return JSONWriter.format(n)
        case let .text(t): return t
        }
    }
}
