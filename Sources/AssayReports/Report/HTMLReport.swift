import AssayCore
import Foundation

/// Renders a report as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
/// Its size is bounded by the report's lists (see ``ReportData``), not by the datanet.
public enum HTMLReport {
    /// Reason groups whose examples are shown open; the others fold (`<details>`, no script).
    static let openGroups = 3

    /// The page.
    public static func render(_ data: ReportData, title: String = "Assay report") -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#1d2433;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde3ee;padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}
        .sub{color:#5b6578}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #dde3ee;border-radius:8px;padding:10px 16px;min-width:120px}
        .card b{display:block;font-size:22px}.accepted{color:#1a7f37}.rejected{color:#c62828}.refused{color:#b26a00}.error{color:#6a1b9a}
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef1f6;vertical-align:top}
        th{background:#f5f7fb;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        code{font:12px ui-monospace,Menlo,monospace;background:#f3f5f9;padding:1px 4px;border-radius:4px}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px}
        figure{margin:0;border:1px solid #dde3ee;border-radius:8px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
        .group{border:1px solid #dde3ee;border-radius:8px;padding:8px 12px;margin:10px 0}.group p{margin:3px 0}
        .note{color:#5b6578}summary{cursor:default;color:#3465a4}.path{overflow-wrap:anywhere;min-width:16em}
        .people{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px}
        .person{border:1px solid #dde3ee;border-radius:8px;padding:8px 10px}.person b{font-size:15px}.person ul{margin:4px 0;padding-left:18px}
        </style></head><body>
        <h1>\(escape(title))</h1>
        <div class="sub">\(data.runID.map { "Run \($0)" } ?? "Whole ledger") · \(Plural.count(data.total, "file")) · \
        the full list of files is `assay export --format jsonl`</div>
        <div class="cards">
        """
        for verdict in VerdictKind.allCases {
            html += "<div class=\"card\"><b class=\"\(verdict.rawValue)\">\(data.verdicts[verdict] ?? 0)</b>\(verdict.rawValue)</div>"
        }
        html += "</div>\n" + modalities(data) + reasons(data) + metrics(data) + leaderboard(data) + contributors(data)
        html += "\n</body></html>\n"
        return html
    }

    private static func modalities(_ data: ReportData) -> String {
        var html = "<h2>Modalities</h2>\n<table><tr><th>modality</th>"
        for verdict in VerdictKind.allCases { html += "<th class=\"n\">\(verdict.rawValue)</th>" }
        html += "<th class=\"n\">accepted share</th></tr>"
        for modality in data.byModality.keys.sorted() {
            let counts = data.byModality[modality] ?? [:]
            let total = counts.values.reduce(0, +)
            html += "<tr><td>\(escape(modality))</td>"
            for verdict in VerdictKind.allCases { html += "<td class=\"n\">\(counts[verdict] ?? 0)</td>" }
            html += "<td class=\"n\">\(total > 0 ? HumanNumber.format(Double(counts[.accepted] ?? 0) / Double(total) * 100) + "%" : "–")</td></tr>"
        }
        html += "</table>\n<div class=\"grid\">"
        for modality in data.funnels.keys.sorted() {
            let steps = data.funnels[modality] ?? []
            let total = data.byModality[modality].map { $0.values.reduce(0, +) } ?? 0
            html += "<figure><figcaption>\(escape(modality)): files still in after each stage</figcaption>"
            html += SVGCharts.bars(steps.map { ($0.stage, $0.remaining) }, maximum: max(total, 1), color: "#3465a4", labelWidth: 120, barWidth: 250)
            html += "</figure>"
        }
        return html + "</div>\n"
    }

    private static func reasons(_ data: ReportData) -> String {
        var html = "<h2>Problems by reason</h2>\n"
        guard !data.reasonGroups.isEmpty else { return html + "<p>No reasons: every file was accepted.</p>\n" }
        let top = Array(data.reasonGroups.prefix(15))
        html += SVGCharts.bars(top.map { ($0.code, $0.files) }, maximum: top.first?.files ?? 1, color: "#c62828")
        if data.reasonGroups.count > top.count { html += "<p class=\"note\">\(data.reasonGroups.count - top.count) more codes below.</p>" }
        for (index, group) in data.reasonGroups.enumerated() {
            let verdicts = VerdictKind.allCases.compactMap { v in group.verdicts[v].map { "\($0) \(v.rawValue)" } }.joined(separator: ", ")
            let people = group.topContributors(3).map { "\(escape($0.name)) (\($0.files))" }.joined(separator: ", ")
            let others = group.contributors.count > 3 ? " and \(group.contributors.count - 3) more" : ""
            html += "<div class=\"group\"><h3><code>\(escape(group.code))</code> · \(Plural.count(group.files, "file")) (\(verdicts))</h3>"
            html += "<p>Contributors: \(people)\(others).</p>"
            if !group.meaning.isEmpty { html += "<p class=\"note\">\(escape(group.meaning))</p>" }
            if !group.hint.isEmpty { html += "<p><b>Contributors can:</b> \(escape(group.hint))</p>" }
            if let note = group.curatorNote { html += "<p><b>Curators can:</b> \(escape(note))</p>" }
            html += "<details\(index < openGroups ? " open" : "")><summary>\(group.examples.count) example\(group.examples.count == 1 ? "" : "s")"
            if group.files > group.examples.count { html += " of \(group.files)" }
            html += "</summary><table><tr><th>file</th><th>contributor</th><th>verdict</th><th>message</th></tr>"
            for example in group.examples {
                html += "<tr><td class=\"path\">\(escape(example.path))</td><td>\(escape(example.contributor))</td>"
                html += "<td class=\"\(example.verdict.rawValue)\">\(example.verdict.rawValue)</td><td>\(escape(example.message))</td></tr>"
            }
            html += "</table></details></div>\n"
        }
        return html
    }

    private static func metrics(_ data: ReportData) -> String {
        var html = "<h2>Metrics</h2>\n"
        guard !data.histograms.isEmpty else { return html + "<p>No metrics recorded.</p>\n" }
        html += "<p class=\"note\">Grey bars at either end count the outliers (beyond three interquartile ranges), left out of the drawn range.</p><div class=\"grid\">"
        for histogram in data.histograms {
            html += "<figure><figcaption>\(escape(histogram.title)) · \(histogram.modality), \(Plural.count(histogram.total, "file"))</figcaption>"
            html += SVGCharts.histogram(histogram) + "</figure>"
        }
        return html + "</div>\n"
    }

    private static func leaderboard(_ data: ReportData) -> String {
        var html = "<h2>Leaderboard (acceptance rate, Wilson lower bound)</h2>\n"
        html += "<table><tr><th class=\"n\">rank</th><th>contributor</th><th class=\"n\">accepted</th><th class=\"n\">rejected</th>"
        html += "<th class=\"n\">refused</th><th class=\"n\">rate</th><th class=\"n\">score</th></tr>"
        let shown = data.contributors.map(\.row)
        var previous = 0
        for row in shown {
            if row.rank > previous + 1 {
                html += "<tr><td class=\"n\">…</td><td colspan=\"6\" class=\"note\">\(Plural.count(row.rank - previous - 1, "contributor")) between; `assay rank` lists everyone</td></tr>"
            }
            previous = row.rank
            let rate = row.tally.rate.map(HumanNumber.format) ?? "–"
            let flag = row.tally.mostlyCopiesOfOthers ? " <span class=\"note\">(mostly copies of others)</span>" : ""
            html += "<tr><td class=\"n\">\(row.rank)</td><td>\(escape(row.tally.contributor))\(flag)</td><td class=\"n\">\(row.tally.accepted)</td>"
            html += "<td class=\"n\">\(row.tally.rejected)</td><td class=\"n\">\(row.tally.refused)</td><td class=\"n\">\(rate)</td>"
            html += "<td class=\"n\">\(HumanNumber.format(row.score))</td></tr>"
        }
        html += "</table>\n"
        // Every flagged contributor, not only the rows shown: most of their decided files copy
        // other contributors' (one person behind several names?). Verdicts and scores stay as they are.
        let flagged = data.leaderboard.filter(\.tally.mostlyCopiesOfOthers)
        if !flagged.isEmpty {
            let names = flagged.prefix(20).map { "\(escape($0.tally.contributor)) (\($0.tally.copiesOfOthers) of \($0.tally.decided))" }
            html += "<p class=\"note\">Mostly copies of other contributors' files: \(names.joined(separator: ", "))"
                + (flagged.count > 20 ? " and \(flagged.count - 20) more" : "") + ". No verdict or score changes; a curator looks.</p>\n"
        }
        return html
    }

    private static func contributors(_ data: ReportData) -> String {
        guard !data.contributors.isEmpty else { return "" }
        var html = "<h2>Contributors</h2>\n<p class=\"note\">Files per day (last \(ReportBuilder.daysShown) days with files), accepted in green"
        if data.contributors.count < data.leaderboard.count { html += "; the top and bottom of the leaderboard" }
        html += ".</p><div class=\"people\">"
        for section in data.contributors {
            let tally = section.row.tally
            html += "<div class=\"person\"><b>\(escape(tally.contributor))</b> · rank \(section.row.rank) · "
            html += "\(tally.accepted) of \(tally.decided) accepted<br>" + SVGCharts.days(section.days)
            if !section.topReasons.isEmpty {
                html += "<ul>" + section.topReasons.map { "<li><code>\(escape($0.code))</code> \($0.files)</li>" }.joined() + "</ul>"
            }
            html += "</div>"
        }
        return html + "</div>\n"
    }

    /// HTML-escapes `text`; control characters other than tab and newline (NUL among them, which
    /// HTML forbids) become U+FFFD.
    static func escape(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || (0x7F...0x9F).contains(scalar.value) ? "\u{FFFD}" : scalar
        })).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
