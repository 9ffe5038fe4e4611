import Foundation

/// Renders a report as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
public enum HTMLReport {
    /// The page.
    public static func render(_ data: ReportData, title: String = "Assay report") -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#1d2433;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde3ee;padding-bottom:4px}
        .sub{color:#5b6578}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #dde3ee;border-radius:8px;padding:10px 16px;min-width:120px}
        .card b{display:block;font-size:22px}.accepted{color:#1a7f37}.rejected{color:#c62828}.refused{color:#b26a00}.error{color:#6a1b9a}
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef1f6;vertical-align:top}
        th{background:#f5f7fb;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        code{font:12px ui-monospace,Menlo,monospace;background:#f3f5f9;padding:1px 4px;border-radius:4px}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:16px}
        figure{margin:0;border:1px solid #dde3ee;border-radius:8px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
        </style></head><body>
        <h1>\(escape(title))</h1>
        <div class="sub">\(data.runID.map { "Run \($0)" } ?? "Whole ledger") · \(data.total) files</div>
        <div class="cards">
        """
        for verdict in VerdictKind.allCases {
            html += "<div class=\"card\"><b class=\"\(verdict.rawValue)\">\(data.verdicts[verdict] ?? 0)</b>\(verdict.rawValue)</div>"
        }
        html += "</div>\n<h2>Verdict funnel, stage by stage</h2>\n"
        html += barChart(data.funnel.map { ($0.stage, $0.remaining) }, maximum: max(data.total, 1), color: "#3465a4")
        html += "<h2>Verdicts by modality</h2>\n<table><tr><th>modality</th>"
        for verdict in VerdictKind.allCases { html += "<th class=\"n\">\(verdict.rawValue)</th>" }
        html += "</tr>"
        for modality in data.byModality.keys.sorted() {
            html += "<tr><td>\(escape(modality))</td>"
            for verdict in VerdictKind.allCases { html += "<td class=\"n\">\(data.byModality[modality]?[verdict] ?? 0)</td>" }
            html += "</tr>"
        }
        html += "</table>\n<h2>Top reason codes</h2>\n"
        let top = Array(data.topReasons.prefix(15))
        html += top.isEmpty ? "<p>No reasons: every file was accepted.</p>" : barChart(top.map { ($0.code, $0.count) }, maximum: top.first?.count ?? 1, color: "#c62828")
        html += "<h2>Metrics</h2>\n<div class=\"grid\">"
        for histogram in data.histograms { html += "<figure><figcaption>\(escape(histogram.title)) · \(histogram.modality), \(histogram.total) files</figcaption>\(histogramChart(histogram))</figure>" }
        html += data.histograms.isEmpty ? "<p>No metrics recorded.</p></div>" : "</div>"
        html += "\n<h2>Leaderboard (acceptance rate, Wilson lower bound)</h2>\n<table><tr><th class=\"n\">rank</th><th>contributor</th><th class=\"n\">accepted</th><th class=\"n\">rejected</th><th class=\"n\">refused</th><th class=\"n\">rate</th><th class=\"n\">score</th></tr>"
        for row in data.leaderboard {
            let rate = row.tally.rate.map { String(format: "%.3f", $0) } ?? "–"
            html += "<tr><td class=\"n\">\(row.rank)</td><td>\(escape(row.tally.contributor))</td><td class=\"n\">\(row.tally.accepted)</td><td class=\"n\">\(row.tally.rejected)</td><td class=\"n\">\(row.tally.refused)</td><td class=\"n\">\(rate)</td><td class=\"n\">\(String(format: "%.3f", row.score))</td></tr>"
        }
        html += "</table>\n<h2>Rejected and refused files</h2>\n<table><tr><th>file</th><th>verdict</th><th>reasons</th></tr>"
        for problem in data.problems {
            let reasons = problem.reasons.map { "<code>\(escape($0.code))</code> \(escape($0.message))" }.joined(separator: "<br>")
            html += "<tr><td>\(escape(problem.path))</td><td class=\"\(problem.verdict)\">\(problem.verdict)</td><td>\(reasons)</td></tr>"
        }
        html += "</table>"
        if data.problemsOmitted > 0 { html += "<p>\(data.problemsOmitted) more not listed; see the verdict lines.</p>" }
        html += "\n</body></html>\n"
        return html
    }

    /// Horizontal bars with labels and counts.
    private static func barChart(_ bars: [(String, Int)], maximum: Int, color: String) -> String {
        let rowHeight = 24, labelWidth = 230, barWidth = 560
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(bars.count * rowHeight + 4)\" role=\"img\">"
        for (i, (label, count)) in bars.enumerated() {
            let y = i * rowHeight
            let width = maximum > 0 ? max(1, barWidth * count / maximum) : 1
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"12\">\(escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"16\" rx=\"3\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(count)</text>"
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars with the axis range underneath.
    private static func histogramChart(_ histogram: ReportData.Histogram) -> String {
        let width = 310, height = 120
        let peak = max(histogram.counts.max() ?? 1, 1)
        let barWidth = Double(width) / Double(max(histogram.counts.count, 1))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 30)\" role=\"img\">"
        for (i, count) in histogram.counts.enumerated() where count > 0 {
            let h = Double(height) * Double(count) / Double(peak)
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3465a4\"><title>%d</title></rect>",
                          Double(i) * barWidth + 1, Double(height) - h, max(barWidth - 2, 1), h, count)
        }
        let upper = histogram.lower + histogram.width * Double(histogram.counts.count)
        svg += "<line x1=\"0\" y1=\"\(height)\" x2=\"\(width)\" y2=\"\(height)\" stroke=\"#8a94a6\"/>"
        svg += "<text x=\"0\" y=\"\(height + 16)\" font-size=\"11\">\(String(format: "%g", histogram.lower))</text>"
        svg += "<text x=\"\(width)\" y=\"\(height + 16)\" font-size=\"11\" text-anchor=\"end\">\(String(format: "%g", upper))</text>"
        svg += "<text x=\"\(width / 2)\" y=\"\(height + 28)\" font-size=\"11\" text-anchor=\"middle\">peak \(peak) files per bin</text>"
        return svg + "</svg>"
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
