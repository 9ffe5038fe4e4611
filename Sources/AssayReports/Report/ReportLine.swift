import AssayCore
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

    /// The metrics named in ``ReportBuilder/histogramSpecs`` (given in the decoder's user info
    /// under ``binnedMetrics``), the others skipped.
    struct Metrics: Decodable {
        let values: [String: Double]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: MetricKey.self)
            var values: [String: Double] = [:]
            let binned = ReportLine.binnedMetrics.flatMap { decoder.userInfo[$0] } as? Set<String> ?? []
            for key in binned where container.contains(MetricKey(key)) {
                values[key] = try container.decodeIfPresent(Double.self, forKey: MetricKey(key))
            }
            self.values = values
        }
    }

    /// The user-info key of the set of metric names to read.
    static let binnedMetrics = CodingUserInfoKey(rawValue: "assay.binnedMetrics")

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
