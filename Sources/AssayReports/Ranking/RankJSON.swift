import AssayCore
/// Leaderboard rows as JSON objects with the keys rank, contributor, accepted, rejected, refused, rate, score,
/// copies_of_others and mostly_copies (informative: neither changes the score).
public enum RankJSON {
    /// One row.
    public static func row(_ row: Ranker.Row) -> JSONValue {
        .object([
            ("rank", .number(Double(row.rank))), ("contributor", .string(row.tally.contributor)),
            ("accepted", .number(Double(row.tally.accepted))), ("rejected", .number(Double(row.tally.rejected))),
            ("refused", .number(Double(row.tally.refused))), ("rate", row.tally.rate.map(JSONValue.number) ?? .null),
            ("score", .number(row.score)), ("copies_of_others", .number(Double(row.tally.copiesOfOthers))),
            ("mostly_copies", .bool(row.tally.mostlyCopiesOfOthers)),
        ])
    }

    /// The whole leaderboard as a JSON list.
    public static func encode(_ rows: [Ranker.Row]) -> String {
        var writer = JSONWriter()
        writer.value(.array(rows.map(row)))
        return writer.string
    }
}
