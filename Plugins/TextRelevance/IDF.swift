#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverse document frequencies from the shipped background (``Background``): ln((N + 1) /
/// (df + 1)) + 1, so a word every document has weighs about 1 and a word the background never saw
/// weighs the most. Parsed once.
struct IDF: Sendable {
    private let frequencies: [String: Int]
    private let documents: Double

    /// The shipped background, parsed on first use.
    static let shipped = IDF(table: Background.table, documents: Background.documents)

    init(table: String, documents: Int) {
        var frequencies: [String: Int] = [:]
        for pair in table.split(separator: "|") {
            let parts = pair.split(separator: " ")
            if parts.count == 2, let count = Int(parts[1]) { frequencies[String(parts[0])] = count }
        }
        self.frequencies = frequencies
        self.documents = Double(documents)
    }

    /// The weight of `term`.
    func weight(_ term: String) -> Double {
        log((documents + 1) / (Double(frequencies[term] ?? 0) + 1)) + 1
    }

    /// English function words, left out of every vector.
    static let stopWords: Set<String> = [
        "the", "of", "and", "to", "in", "is", "it", "that", "for", "on", "as", "with", "be", "by", "this", "are", "or",
        "an", "at", "from", "not", "can", "if", "which", "will", "but", "all", "has", "have", "was", "were", "its", "their",
        "there", "these", "they", "than", "then", "so", "such", "no", "may", "also", "into", "one", "any", "each", "other",
        "more", "some", "only", "when", "what", "where", "who", "how", "do", "does", "should", "would", "could", "we", "you",
        "your", "our", "us", "he", "she", "his", "her", "them", "been", "being", "had", "about", "over", "after", "before",
    ]
}
