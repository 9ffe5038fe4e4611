import Foundation

/// What libsndfile's header parse log (`SFC_GET_LOG_INFO`) says about chunk sizes.
///
/// libsndfile opens a WAV whose data chunk is cut short without any error: it logs
/// `data : 206498 (should be 68803)` and quietly shrinks the frame count to what is there, so
/// comparing frames read with frames declared cannot see the cut. This log line can.
struct HeaderLog {
    /// A chunk whose size field disagrees with the bytes present.
    struct Mismatch: Equatable {
        /// The chunk name as logged (`data`, `RIFF`).
        let chunk: String
        /// The size its header declares.
        let declared: Int64
        /// The size the file can hold ("should be").
        let actual: Int64
    }

    /// Chunks that hold the samples themselves (WAV/W64/RF64 `data`, AIFF `SSND`, 8SVX `BODY`).
    static let audioChunks: Set<String> = ["data", "SSND", "BODY"]

    /// Every `name : N (should be M)` line.
    let mismatches: [Mismatch]

    /// Parses the log text.
    init(_ text: String) {
        var found: [Mismatch] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let parsed = Self.parse(line) else { continue }
            found.append(parsed)
        }
        mismatches = found
    }

    /// The first audio chunk that is shorter than declared: the samples were cut off.
    var truncatedAudio: Mismatch? {
        mismatches.first { Self.audioChunks.contains($0.chunk) && $0.actual < $0.declared }
    }

    /// Size mismatches that lose no audio (a RIFF size off by a pad byte, a wrong container size
    /// with the data chunk whole): kept as a metric, not a rejection, since the samples are intact.
    var harmlessCount: Int {
        mismatches.count - (truncatedAudio == nil ? 0 : 1)
    }

    /// `name : N (should be M)` with whole numbers N and M.
    private static func parse(_ line: Substring) -> Mismatch? {
        guard let marker = line.range(of: "(should be ") else { return nil }
        let head = line[..<marker.lowerBound]
        guard let colon = head.firstIndex(of: ":") else { return nil }
        let chunk = head[..<colon].trimmingCharacters(in: .whitespaces)
        let declaredText = head[head.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let actualText = line[marker.upperBound...].prefix { $0.isNumber }
        guard !chunk.isEmpty, let declared = Int64(declaredText), let actual = Int64(actualText) else { return nil }
        return Mismatch(chunk: String(chunk), declared: declared, actual: actual)
    }
}
