import AssayCore
import Foundation

/// Chooses a histogram's axis for a set of values: the drawn range stops at Tukey's far fences
/// (three interquartile ranges beyond the quartiles; what lies outside is counted, not drawn),
/// on a log axis when the drawn values are all above zero and span more than two orders of
/// magnitude (then the fences are taken on the logarithms), with bin widths and ticks on round
/// numbers (1, 2, 2.5, 5 × 10^k).
public enum HistogramBinning {
    /// At most this many bins; fewer when the values are few or integral.
    public static let maximumBins = 40

    /// The histogram of `values` (not empty; non-finite values must be left out by the caller).
    public static func histogram(_ values: [Double], title: String, modality: String, metric: String) -> MetricHistogram {
        let sorted = values.sorted()
        let n = sorted.count
        func quantile(_ q: Double) -> Double { sorted[min(n - 1, max(0, Int((Double(n - 1) * q).rounded())))] }
        let minimum = sorted.first ?? 0, maximum = sorted.last ?? 0
        let median = n.isMultiple(of: 2) && n > 0 ? (sorted[n / 2 - 1] + sorted[n / 2]) / 2 : quantile(0.5)
        let useLog = minimum > 0 && maximum / minimum > 100 && quantile(0.95) / quantile(0.05) > 10
        func fences(_ f: (Double) -> Double, _ inverse: (Double) -> Double) -> (Double, Double) {
            let q1 = f(quantile(0.25)), q3 = f(quantile(0.75))
            // A floor under the spread, so that a metric most files share (32 px icons) still
            // draws the others.
            let spread = max(q3 - q1, (f(quantile(0.95)) - f(quantile(0.05))) / 4, 1e-9)
            return (max(minimum, inverse(q1 - 3 * spread)), min(maximum, inverse(q3 + 3 * spread)))
        }
        var (low, high) = useLog ? fences(log10, { pow(10, $0) }) : fences({ $0 }, { $0 })
        // A range a double cannot step through (values a few ulps apart, all equal and huge)
        // or cannot span (±1e308) gets one bin.
        let floor = max(abs(low), abs(high), 1) * 1e-9
        guard (high - low).isFinite, low.isFinite, high.isFinite else {
            return MetricHistogram(title: title, modality: modality, metric: metric, scale: .linear, edges: [minimum, maximum],
                                   counts: [n], below: 0, above: 0, ticks: [minimum, maximum], median: median, minimum: minimum, maximum: maximum)
        }
        if high - low < floor {
            low -= floor
            high += floor
        }
        var edges: [Double]
        if useLog {
            let a = (log10(low) * 4).rounded(.down) / 4, b = max((log10(high) * 4).rounded(.up) / 4, a + 0.25)
            let bins = min(maximumBins, max(8, Int(((b - a) * 8).rounded())))
            edges = (0...bins).map { pow(10, a + (b - a) * Double($0) / Double(bins)) }
        } else {
            var step = niceStep((high - low) / Double(maximumBins))
            // Integral metrics (words, pixels, channels) get integral bins.
            if sorted.allSatisfy({ $0 == $0.rounded() }) { step = max(1, step.rounded(.up)) }
            let lower = (low / step).rounded(.down) * step
            var upper = (high / step).rounded(.up) * step
            if upper <= high { upper += step }
            let bins = max(1, min(2 * maximumBins, Int(exactly: ((upper - lower) / step).rounded()) ?? 1))
            edges = (0...bins).map { lower + step * Double($0) }
        }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var below = 0, above = 0
        for value in sorted {
            if value < edges[0] {
                below += 1
            } else if value > edges[edges.count - 1] {
                above += 1
            } else {
                counts[bin(of: value, edges: edges)] += 1
            }
        }
        return MetricHistogram(title: title, modality: modality, metric: metric, scale: useLog ? .log : .linear, edges: edges,
                               counts: counts, below: below, above: above, ticks: ticks(edges.first ?? 0, edges.last ?? 1, log: useLog),
                               median: median, minimum: minimum, maximum: maximum)
    }

    /// 1, 2, 2.5 or 5 × 10^k, the smallest not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for factor in [1, 2, 2.5, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    /// Round-number ticks in [low, high]: about five on a linear axis; 1, 2, 5 × 10^k on a log one.
    static func ticks(_ low: Double, _ high: Double, log: Bool) -> [Double] {
        if log {
            var result: [Double] = []
            var power = pow(10, log10(low).rounded(.down))
            while power <= high * 1.0001 {
                for factor in [1.0, 2, 5] where factor * power >= low * 0.9999 && factor * power <= high * 1.0001 { result.append(factor * power) }
                power *= 10
            }
            // Many decades: keep the powers of ten only.
            return result.count > 8 ? result.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 } : result
        }
        let step = niceStep((high - low) / 5)
        let first = (low / step).rounded(.up)
        // By index, at most a dozen: `tick += step` stalls where step is below the spacing of doubles.
        var result: [Double] = []
        for index in 0..<12 {
            let tick = (first + Double(index)) * step
            guard tick <= high + step * 1e-9 else { break }
            result.append(abs(tick) < step * 1e-9 ? 0 : tick)
        }
        return result
    }

    private static func bin(of value: Double, edges: [Double]) -> Int {
        // Binary search: the last edge not above the value; the top edge belongs to the last bin.
        var lo = 0, hi = edges.count - 2
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if edges[mid] <= value { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
