import Foundation

/// Counts for the end-of-run summary: verdicts per modality and the most frequent reason codes.
public struct RunSummary: Sendable {
    /// Files found under the folders given.
    public private(set) var found = 0
    /// Files judged in this run (the rest kept their recorded verdict).
    public private(set) var judged = 0
    /// Count per modality and verdict.
    public private(set) var counts: [String: [VerdictKind: Int]] = [:]
    /// Count per reason code.
    public private(set) var codes: [String: Int] = [:]
    /// Seconds the run took.
    public var seconds: Double = 0
    /// The ledger written.
    public var ledger: String = ""

    /// An empty summary.
    public init() {}

    /// Counts one file.
    public mutating func add(modality: String, verdict: VerdictKind, codes: [String], judgedNow: Bool) {
        found += 1
        if judgedNow { judged += 1 }
        counts[modality, default: [:]][verdict, default: 0] += 1
        for code in Set(codes) { self.codes[code, default: 0] += 1 }
    }

    /// Files with `verdict`, over all modalities.
    public func total(_ verdict: VerdictKind) -> Int {
        counts.values.reduce(0) { $0 + ($1[verdict] ?? 0) }
    }

    /// A table for people.
    public func render(topCodes: Int = 10) -> String {
        var out = String(format: "assay: %d files (%d judged now, %d kept from the ledger) in %.2f s, %.0f files/s\n",
                         found, judged, found - judged, seconds, seconds > 0 ? Double(found) / seconds : 0)
        let verdicts = VerdictKind.allCases
        out += "modality".padding(toLength: 10, withPad: " ", startingAt: 0)
        for verdict in verdicts { out += verdict.rawValue.leftPadded(10) }
        out += "total".leftPadded(10) + "\n"
        for modality in counts.keys.sorted() {
            let row = counts[modality] ?? [:]
            out += modality.padding(toLength: 10, withPad: " ", startingAt: 0)
            for verdict in verdicts { out += String(row[verdict] ?? 0).leftPadded(10) }
            out += String(row.values.reduce(0, +)).leftPadded(10) + "\n"
        }
        out += "all".padding(toLength: 10, withPad: " ", startingAt: 0)
        for verdict in verdicts { out += String(total(verdict)).leftPadded(10) }
        out += String(found).leftPadded(10) + "\n"
        let top = codes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(topCodes)
        if !top.isEmpty {
            out += "top reasons:\n"
            for (code, count) in top { out += "  \(String(count).leftPadded(7))  \(code)\n" }
        }
        if !ledger.isEmpty { out += "ledger: \(ledger)\n" }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
