import AssayCore
import Foundation

/// The report's charts as inline SVG: no script, no external file, text as real text.
enum SVGCharts {
    /// A coordinate with one decimal.
    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Horizontal bars with labels and counts, scaled to `maximum`, in `labelWidth` + `barWidth`
    /// pixels and room for the count.
    static func bars(_ bars: [(label: String, count: Int)], maximum: Int, color: String, labelWidth: Int = 230, barWidth: Int = 520) -> String {
        let rowHeight = 24
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(bars.count * rowHeight + 4)\" role=\"img\">"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight
            let width = maximum > 0 ? max(1, barWidth * bar.count / maximum) : 1
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"12\">\(HTMLReport.escape(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"16\" rx=\"3\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(bar.count)</text>"
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars between the histogram's edges, ticks on round numbers, and the clipped
    /// files as grey bars at either end labelled with their count.
    static func histogram(_ histogram: MetricHistogram) -> String {
        let plotWidth = 300.0, height = 110.0, left = 34.0, side = 16.0
        let width = left + side + plotWidth + side + 6
        let peak = Double(max(histogram.counts.max() ?? 1, histogram.below, histogram.above, 1))
        let low = histogram.edges.first ?? 0, high = histogram.edges.last ?? 1
        func x(_ value: Double) -> Double {
            let t = histogram.scale == .log ? (log10(value) - log10(low)) / (log10(high) - log10(low)) : (value - low) / (high - low)
            return left + side + plotWidth * max(0, min(1, t))
        }
        var svg = String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">", width, height + 34)
        svg += String(format: "<text x=\"%.0f\" y=\"10\" font-size=\"10\" text-anchor=\"end\" fill=\"#5b6578\">%d</text>", left - 4, Int(peak))
        svg += String(format: "<line x1=\"%.0f\" y1=\"0\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#c5ccd8\"/>", left, left, height)
        for (i, count) in histogram.counts.enumerated() where count > 0 {
            let x0 = x(histogram.edges[i]), x1 = x(histogram.edges[i + 1])
            let h = max(1, height * Double(count) / peak)
            svg += "<rect x=\"\(n(x0 + 0.5))\" y=\"\(n(height - h))\" width=\"\(n(max(x1 - x0 - 1, 0.8)))\" height=\"\(n(h))\" fill=\"#3465a4\">"
            svg += "<title>\(HumanNumber.format(histogram.edges[i])) to \(HumanNumber.format(histogram.edges[i + 1])): \(count)</title></rect>"
        }
        for (count, x0, label) in [(histogram.below, left + 2, "below"), (histogram.above, left + side + plotWidth + 4, "above")] where count > 0 {
            let h = max(1, height * Double(count) / peak)
            svg += "<rect x=\"\(n(x0))\" y=\"\(n(height - h))\" width=\"10\" height=\"\(n(h))\" fill=\"#9aa3b2\"><title>\(count) \(label) the drawn range</title></rect>"
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" fill=\"#5b6578\">%d</text>", x0 + 5, height - h - 3, count)
        }
        svg += String(format: "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#8a94a6\"/>", left, height, width - 6, height)
        for tick in histogram.ticks {
            let tx = x(tick)
            svg += String(format: "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#8a94a6\"/>", tx, height, tx, height + 4)
            svg += "<text x=\"\(n(tx))\" y=\"\(n(height + 15))\" font-size=\"10\" text-anchor=\"middle\">\(HumanNumber.format(tick))</text>"
        }
        let scale = histogram.scale == .log ? "log scale" : "linear"
        svg += "<text x=\"\(n(left + side + plotWidth / 2))\" y=\"\(n(height + 30))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b6578\">"
        svg += "\(scale) · median \(HumanNumber.format(histogram.median)) · range \(HumanNumber.format(histogram.minimum)) to \(HumanNumber.format(histogram.maximum))</text>"
        return svg + "</svg>"
    }

    /// One contributor's days: a bar per day as tall as the files decided, its accepted part green.
    static func days(_ days: [ContributorSection.Day]) -> String {
        let height = 40.0, barWidth = 6.0
        let peak = Double(max(days.map(\.total).max() ?? 1, 1))
        var svg = String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">", max(Double(days.count) * barWidth, 60), height + 2)
        for (i, day) in days.enumerated() {
            let total = height * Double(day.total) / peak, good = height * Double(day.accepted) / peak
            let x = Double(i) * barWidth
            svg += "<rect x=\"\(n(x))\" y=\"\(n(height - total))\" width=\"\(n(barWidth - 1))\" height=\"\(n(total))\" fill=\"#e3b4b4\">"
            svg += "<title>\(day.day): \(day.accepted) of \(day.total) accepted</title></rect>"
            if good > 0 {
                svg += String(format: "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#1a7f37\"/>", x, height - good, barWidth - 1, good)
            }
        }
        return svg + "</svg>"
    }
}
