/// The report's numbers as JSON (`assay report --format json`).
public enum ReportJSON {
    /// The JSON document.
    public static func encode(_ data: ReportData) -> String {
        var object: [(String, JSONValue)] = [
            ("run", data.runID.map { .number(Double($0)) } ?? .null),
            ("total", .number(Double(data.total))),
            ("verdicts", counts(data.verdicts)),
            ("by_modality", .object(data.byModality.keys.sorted().map { ($0, counts(data.byModality[$0] ?? [:])) })),
            ("funnel", .array(data.funnel.map { .object([("stage", .string($0.stage)), ("remaining", .number(Double($0.remaining)))]) })),
            ("top_reasons", .array(data.topReasons.map { .object([("code", .string($0.code)), ("count", .number(Double($0.count)))]) })),
        ]
        object.append(("histograms", .array(data.histograms.map { h in
            .object([("modality", .string(h.modality)), ("metric", .string(h.metric)), ("title", .string(h.title)),
                     ("lower", .number(h.lower)), ("width", .number(h.width)), ("counts", .array(h.counts.map { .number(Double($0)) }))])
        })))
        object.append(("leaderboard", .array(data.leaderboard.map(RankJSON.row))))
        object.append(("problems", .array(data.problems.map { p in
            .object([("path", .string(p.path)), ("verdict", .string(p.verdict)),
                     ("reasons", .array(p.reasons.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) }))])
        })))
        object.append(("problems_omitted", .number(Double(data.problemsOmitted))))
        var writer = JSONWriter()
        writer.value(.object(object))
        return writer.string
    }

    private static func counts(_ counts: [VerdictKind: Int]) -> JSONValue {
        .object(VerdictKind.allCases.map { ($0.rawValue, .number(Double(counts[$0] ?? 0))) })
    }
}
