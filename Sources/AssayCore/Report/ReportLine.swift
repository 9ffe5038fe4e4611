import Foundation

/// What the report reads of a verdict line: the keys it draws, and of the metrics only those it
/// bins. Decoding the whole ``Verdict`` (thirty-odd metrics, hashes, times) cost most of a
/// report's time; this reads a third of it.
struct ReportLine: Decodable {
    /// A reason, without its value and limit.
    struct Cause: Decodable {
        let code: String
        let stage: String
        let message: String
        let hint: String?
    }

    /// The metrics named in ``ReportBuilder/histogramSpecs``, the others skipped.
    struct Metrics: Decodable {
        let values: [String: Double]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: MetricKey.self)
            var values: [String: Double] = [:]
            for key in ReportBuilder.histogramMetrics where container.contains(MetricKey(key)) {
                values[key] = try container.decodeIfPresent(Double.self, forKey: MetricKey(key))
            }
            self.values = values
        }
    }

    struct MetricKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let path: String
    let contributor: String
    let modality: String
    let verdict: VerdictKind
    let reasons: [Cause]
    let metrics: Metrics
}
