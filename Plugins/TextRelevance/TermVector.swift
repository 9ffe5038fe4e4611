#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document as TF-IDF weights: sublinear term frequency (1 + ln tf) times the background's
/// inverse document frequency, L2-normalised so the dot product of two vectors is their cosine.
struct TermVector: Sendable {
    /// Weight per term.
    private(set) var weights: [String: Double]

    /// The vector of `bytes` (UTF-8): terms are runs of ASCII letters, lower-cased, 2 to 30 long,
    /// stop words left out.
    init(_ bytes: [UInt8], idf: IDF) {
        var counts: [String: Int] = [:]
        var word: [UInt8] = []
        func flush() {
            if (2...30).contains(word.count) {
                let term = String(decoding: word, as: UTF8.self)
                if !IDF.stopWords.contains(term) { counts[term, default: 0] += 1 }
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            let lower = byte | 0x20
            if lower >= 0x61 && lower <= 0x7A { word.append(lower) } else { flush() }
        }
        flush()
        var weights: [String: Double] = [:]
        for (term, count) in counts { weights[term] = (1 + log(Double(count))) * idf.weight(term) }
        self.weights = weights
        normalise()
    }

    /// The normalised mean of `vectors`, each scaled by its weight.
    init(centroidOf vectors: [(TermVector, Double)]) {
        var sum: [String: Double] = [:]
        for (vector, scale) in vectors {
            for (term, weight) in vector.weights { sum[term, default: 0] += weight * scale }
        }
        weights = sum
        normalise()
    }

    /// The cosine with another normalised vector, in 0...1.
    func cosine(_ other: TermVector) -> Double {
        let (small, large) = weights.count <= other.weights.count ? (weights, other.weights) : (other.weights, weights)
        // In term order: a dictionary's order changes from process to process, and a float sum
        // in another order differs in the last digits (a verdict must not).
        var dot = 0.0
        for term in small.keys.sorted() { dot += (small[term] ?? 0) * (large[term] ?? 0) }
        return min(1, max(0, dot))
    }

    /// The `count` heaviest terms, heaviest first (ties by name).
    func top(_ count: Int) -> [String] {
        weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }

    /// True when the term occurs.
    func contains(_ term: String) -> Bool { weights[term] != nil }

    private mutating func normalise() {
        let norm = weights.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value * $1.value }.squareRoot()
        guard norm > 0 else { return }
        for (term, weight) in weights { weights[term] = weight / norm }
    }
}

