import Foundation

/// Static word-piece embeddings distilled from a sentence model (`docs/tools/distill_relevance_table.py`):
/// one vector per vocabulary piece, so a document's embedding is a tokenizer pass and a weighted
/// mean of table rows, microseconds where the model itself takes about 100 ms.
///
/// The file (little-endian): the 8 bytes `ASSAYSE1`; UInt32 piece count `n` and dimensions `d`;
/// `d` Float32, the background mean that every embedding is measured from; `n` pieces, each a
/// UInt8 byte count and UTF-8 bytes; `n` Float32 piece weights (smooth inverse frequency: 0 for
/// pieces that carry no topic, such as `[CLS]`); `n` Float32 row scales; `n × d` Int8 rows (a
/// row is its Int8 values times its scale).
struct EmbeddingTable: Sendable {
    /// The tokenizer over the table's vocabulary.
    let tokenizer: WordPieceTokenizer
    /// Dimensions of a vector.
    let dimensions: Int
    /// The background mean, subtracted from every document's embedding.
    let mean: [Float]
    /// Weight per piece id.
    let weights: [Float]
    /// Scale per piece id.
    private let scales: [Float]
    /// Rows, `dimensions` values per piece id.
    private let rows: [Int8]

    /// What is wrong with a table file, said for the person who installs it.
    struct Malformed: Error, CustomStringConvertible {
        /// The file.
        let path: String
        /// What is wrong.
        let problem: String
        var description: String { "\(path): \(problem)" }
    }

    /// Reads a table file; nil when it does not exist.
    static func load(path: String) throws(Malformed) -> EmbeddingTable? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw Malformed(path: path, problem: "cannot be read") }
        return try EmbeddingTable(bytes: [UInt8](data), path: path)
    }

    /// Parses the bytes of a table file.
    init(bytes: [UInt8], path: String) throws(Malformed) {
        var reader = ByteReader(bytes: bytes)
        func fail(_ problem: String) -> Malformed { Malformed(path: path, problem: problem + "; run .ci/install-deps again to rebuild it") }
        guard reader.take(8).map({ Array($0) }) == Array("ASSAYSE1".utf8) else { throw fail("not an embedding table (no ASSAYSE1 header)") }
        guard let count = reader.uint32(), let dimensions = reader.uint32(), (1...1_000_000).contains(count), (1...4096).contains(dimensions) else {
            throw fail("bad piece count or dimensions")
        }
        let n = Int(count), d = Int(dimensions)
        guard let mean = reader.floats(d) else { throw fail("cut short in the mean") }
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(n)
        for _ in 0..<n {
            guard let length = reader.take(1)?.first, let piece = reader.take(Int(length)) else { throw fail("cut short in the vocabulary") }
            vocabulary.append(String(decoding: piece, as: UTF8.self))
        }
        guard let weights = reader.floats(n), let scales = reader.floats(n) else { throw fail("cut short in the weights") }
        guard let rows = reader.take(n * d), reader.atEnd else { throw fail("the rows are not \(n) × \(d) bytes") }
        guard let tokenizer = WordPieceTokenizer(vocabulary: vocabulary) else { throw fail("the vocabulary has no [UNK]") }
        self.tokenizer = tokenizer
        self.dimensions = d
        self.mean = mean
        self.weights = weights
        self.scales = scales
        self.rows = rows.map { Int8(bitPattern: $0) }
    }

    /// The weighted mean of the pieces' rows minus the background mean: where the text sits
    /// relative to ordinary text. All zero for a text without a weighted piece.
    func embedding(of ids: [Int32]) -> [Float] {
        var sum = [Float](repeating: 0, count: dimensions)
        var total: Float = 0
        rows.withUnsafeBufferPointer { rows in
            sum.withUnsafeMutableBufferPointer { sum in
                for id in ids {
                    let piece = Int(id)
                    let weight = weights[piece]
                    guard weight > 0 else { continue }
                    total += weight
                    let factor = weight * scales[piece]
                    let base = piece * dimensions
                    for index in 0..<dimensions { sum[index] += factor * Float(rows[base + index]) }
                }
            }
        }
        guard total > 0 else { return sum }
        return (0..<dimensions).map { sum[$0] / total - mean[$0] }
    }
}

/// Reads a byte array front to back.
private struct ByteReader {
    let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func uint32() -> UInt32? {
        guard let slice = take(4) else { return nil }
        return slice.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func floats(_ count: Int) -> [Float]? {
        guard let slice = take(count * 4) else { return nil }
        var values: [Float] = []
        values.reserveCapacity(count)
        var index = slice.startIndex
        while index < slice.endIndex {
            let bits = UInt32(slice[index]) | UInt32(slice[index + 1]) << 8 | UInt32(slice[index + 2]) << 16 | UInt32(slice[index + 3]) << 24
            values.append(Float(bitPattern: bits))
            index += 4
        }
        return values
    }
}
