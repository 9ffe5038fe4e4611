import AssayKit
import Foundation
import Prometheus

/// The server's Prometheus metrics, served at `/metrics` in the text exposition format:
/// `assay_uploads_total` (kept uploads, by datanet), `assay_verdicts_total` (by verdict),
/// `assay_upload_refusals_total` (by limit: `daily_files`, `daily_bytes`, `datanet_daily_bytes`,
/// `max_file_bytes`, `rate`), `assay_run_seconds` (wall seconds of each judging run) and
/// `assay_http_requests_total` (by status class).
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let runs: ValueHistogram

    init() {
        runs = registry.makeValueHistogram(descriptor: Self.name("assay_run", "seconds", "Wall seconds of each run that judged uploads (analysis included)"),
                                           buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60])
    }

    /// An upload kept for `datanet`.
    func uploaded(datanet: String) {
        registry.makeCounter(descriptor: Self.name("assay_uploads", "total", "Uploads kept"), labels: [("datanet", datanet)]).increment()
    }

    /// An upload turned away by `limit`.
    func refused(limit: String) {
        registry.makeCounter(descriptor: Self.name("assay_upload_refusals", "total", "Uploads turned away by a limit"), labels: [("limit", limit)]).increment()
    }

    /// A verdict answered (its kind read from the line's `verdict` key).
    func verdict(_ line: String) {
        let kind = (try? JSONDecoder().decode(Verdict.self, from: Data(line.utf8)))?.verdict.rawValue ?? "unknown"
        registry.makeCounter(descriptor: Self.name("assay_verdicts", "total", "Verdicts answered to uploads"), labels: [("verdict", kind)]).increment()
    }

    /// A run that judged uploads took `seconds`.
    func runSeconds(_ seconds: Double, files: Int) {
        guard files > 0 else { return }
        runs.record(seconds)
    }

    /// A request answered with `status`.
    func request(status: Int) {
        registry.makeCounter(descriptor: Self.name("assay_http_requests", "total", "HTTP requests by status class"), labels: [("status", "\(status / 100)xx")]).increment()
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: metric, unitName: unit, helpText: help)
    }

    /// The exposition text.
    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
