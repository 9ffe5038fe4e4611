import AssayCore

/// The readable block `assay check` prints per file: verdict, each reason with its value and
/// limit rounded for reading (`--json` keeps them exact), and a hint on how to fix it; with
/// `verbose`, the metrics too. A copy of another file of the same check is said to be one,
/// naming it: it is not "already in the dataset".
enum CheckReport {
    static func block(for judgement: Verdict, registry: ValidatorRegistry, verbose: Bool = false, batch: Set<String> = []) -> String {
        let mark = judgement.verdict == .accepted ? "ok  " : "FAIL"
        // Names, messages and values come from files and plugins: escaped, never printed raw.
        let safe = TerminalText.escape
        var lines = ["\(mark) \(safe(judgement.path)): \(judgement.verdict.rawValue)" + (judgement.mime.map { " (\(safe($0)))" } ?? "")]
        let inBatch = judgement.duplicateOf.map { batch.contains($0.absolutePath) } ?? false
        for reason in judgement.reasons {
            var line = "  - \(safe(reason.code)) [\(safe(reason.stage))]: \(safe(reason.message))"
            if let value = reason.value { line += "; value \(safe(text(value)))" }
            if let limit = reason.limit { line += ", limit \(safe(text(limit)))" }
            lines.append(line)
            if inBatch, let original = judgement.duplicateOf, isDuplicateCode(reason.code) {
                lines.append("    hint: It duplicates \(safe(original.absolutePath)), another file of this check; send only one of them.")
            } else if let hint = reason.hint.map(safe) ?? registry.hint(for: reason.code) {
                lines.append("    hint: \(hint)")
            }
        }
        if let original = judgement.duplicateOf {
            lines.append("    duplicate of: \(safe(original.absolutePath))" + (inBatch ? " (another file of this check)" : ""))
        }
        if verbose && !judgement.metrics.isEmpty {
            lines.append("  metrics: " + judgement.metrics.keys.sorted().map { "\(safe($0)) \(HumanNumber.format(judgement.metrics[$0] ?? 0))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// A duplicate finding's code (`text.dup_exact`, `image.dup_near`, ...): its hint speaks of the dataset.
    private static func isDuplicateCode(_ code: String) -> Bool {
        code.split(separator: ".").last?.hasPrefix("dup_") ?? false
    }

    private static func text(_ value: ReasonValue) -> String {
        switch value {
        case let .number(n): return HumanNumber.format(n)
        case let .text(t): return t
        }
    }
}
