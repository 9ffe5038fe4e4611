import Foundation
import Testing
@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger

/// The ledger's findings columns are written without JSONEncoder on the hot path; they must be
/// the very bytes JSONEncoder wrote (ledgers made before stay comparable) and read back equal.
@Suite struct StoredJSONTests {
    static let numbers: [Double] = [0, -0.0, 1, 3, -42, 0.1, 1.0 / 3, 2.5, -7.25, 1e-4, 1e-5, 1e-300, .leastNonzeroMagnitude, 8.999e15, 9e15,
                                    4_503_599_627_370_497, 1e16, 1.5e16, 1.2345678901234568e17, 1e22, .greatestFiniteMagnitude,
                                    .infinity, -.infinity, .nan]

    @Test func metricsAreTheBytesJSONEncoderWrites() throws {
        var metrics: [String: Double] = [:]
        for (index, value) in Self.numbers.enumerated() { metrics["text.metric_\(index)"] = value }
        // Keys whose order differs between UTF-8 bytes and other collations, and keys it escapes.
        for key in ["B", "a", "b", "z", "z_", "é", "Z9", "audio.snr_db"] { metrics[key] = 1 }
        #expect(try StoredJSON.encode(metrics: metrics) == StoredJSON.encode(metrics))
        // Every ASCII character in a key (controls, quotes, slashes escape), and beyond.
        var odd: [String: Double] = ["x": 1.5, "k\u{7F}": 1, "k\u{2028}": 2, "k😀": 3, "\r\n": 4]
        for byte in UInt8(0)..<0x80 { odd["k" + String(UnicodeScalar(byte)) + "/"] = Double(byte) }
        #expect(try StoredJSON.encode(metrics: odd) == StoredJSON.encode(odd))
        #expect(StoredJSON.encode(metrics: [:]) == "{}")
    }

    @Test func metricsReadBackEqual() throws {
        var metrics: [String: Double] = [:]
        for (index, value) in Self.numbers.enumerated() { metrics["m\(index)"] = value }
        let decoded = try StoredJSON.decode([String: Double].self, StoredJSON.encode(metrics: metrics))
        #expect(decoded.count == metrics.count)
        for (key, value) in metrics {
            let back = try #require(decoded[key])
            #expect(back == value || (back.isNaN && value.isNaN), "\(key): \(value) read back as \(back)")
        }
    }

    @Test func reasonsAreTheBytesJSONEncoderWrites() throws {
        let reasons = [Reason(code: "text.too_short", stage: "text-quality", message: "12 words; at least 50 needed",
                              value: .number(12), limit: .number(50), hint: "send longer text")]
        #expect(try StoredJSON.encode(reasons: reasons) == StoredJSON.encode(reasons))
        #expect(try StoredJSON.encode(reasons: []) == StoredJSON.encode([Reason]()))
    }
}
