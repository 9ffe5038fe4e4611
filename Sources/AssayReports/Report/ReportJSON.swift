import AssayCore
/// The report's numbers as JSON (`assay report --format json`). Keys grow by adding: `funnel`,
/// `top_reasons`, `histograms` (`lower`, `width`, `counts`), `problems` and `problems_omitted`
/// keep their names; `funnels`, `reason_groups` and `contributors` came with version 0.2.
public enum ReportJSON {
    /// The JSON document.
    public static func encode(_ data: ReportData) -> String {
        func number(_ n: Int) -> JSONValue { .number(Double(n)) }
        func steps(_ steps: [ReportData.FunnelStep]) -> JSONValue {
            .array(steps.map { .object([("stage", .string($0.stage)), ("remaining", number($0.remaining))]) })
        }
        var object: [(String, JSONValue)] = [
            ("run", data.runID.map { .number(Double($0)) } ?? .null),
            ("total", number(data.total)),
            ("verdicts", counts(data.verdicts)),
            ("by_modality", .object(data.byModality.keys.sorted().map { ($0, counts(data.byModality[$0] ?? [:])) })),
            ("funnel", steps(data.funnel)),
            ("funnels", .object(data.funnels.keys.sorted().map { ($0, steps(data.funnels[$0] ?? [])) })),
            ("top_reasons", .array(data.topReasons.map { .object([("code", .string($0.code)), ("count", number($0.count))]) })),
        ]
        object.append(("reason_groups", .array(data.reasonGroups.map { g in
            .object([("code", .string(g.code)), ("files", number(g.files)), ("verdicts", counts(g.verdicts)),
                     ("contributors", number(g.contributors.count)),
                     ("top_contributors", .array(g.topContributors(10).map { .object([("contributor", .string($0.name)), ("files", number($0.files))]) })),
                     ("meaning", .string(g.meaning)), ("hint", .string(g.hint)), ("curator_note", g.curatorNote.map(JSONValue.string) ?? .null),
                     ("examples", .array(g.examples.map { e in
                         .object([("path", .string(e.path)), ("contributor", .string(e.contributor)), ("verdict", .string(e.verdict.rawValue)),
                                  ("message", .string(e.message))])
                     }))])
        })))
        object.append(("histograms", .array(data.histograms.map { h in
            let width: JSONValue = h.scale == .linear && h.edges.count > 1 ? .number(h.edges[1] - h.edges[0]) : .null
            return .object([("modality", .string(h.modality)), ("metric", .string(h.metric)), ("title", .string(h.title)),
                            ("scale", .string(h.scale.rawValue)), ("lower", .number(h.edges.first ?? 0)), ("width", width),
                            ("edges", .array(h.edges.map(JSONValue.number))), ("counts", .array(h.counts.map(number))),
                            ("below", number(h.below)), ("above", number(h.above)), ("median", .number(h.median)),
                            ("min", .number(h.minimum)), ("max", .number(h.maximum))])
        })))
        object.append(("leaderboard", .array(data.leaderboard.map(RankJSON.row))))
        object.append(("contributors", .array(data.contributors.map { c in
            .object([("contributor", .string(c.row.tally.contributor)), ("rank", number(c.row.rank)),
                     ("days", .array(c.days.map { .object([("day", .string($0.day)), ("accepted", number($0.accepted)), ("total", number($0.total))]) })),
                     ("top_reasons", .array(c.topReasons.map { .object([("code", .string($0.code)), ("files", number($0.files))]) }))])
        })))
        object.append(("problems", .array(data.problems.map { p in
            .object([("path", .string(p.path)), ("verdict", .string(p.verdict)),
                     ("reasons", .array(p.reasons.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) }))])
        })))
        object.append(("problems_omitted", number(data.problemsOmitted)))
        var writer = JSONWriter()
        writer.value(.object(object))
        return writer.string
    }

    private static func counts(_ counts: [VerdictKind: Int]) -> JSONValue {
        .object(VerdictKind.allCases.map { ($0.rawValue, .number(Double(counts[$0] ?? 0))) })
    }
}
