import Foundation

/// BERT's uncased tokenizer: text to vocabulary ids, as the model the embedding table was
/// distilled from saw it. Lower-cases, strips accents (NFD, combining marks dropped), splits at
/// white space, at every punctuation character and around every CJK ideograph, then cuts each word
/// into the longest vocabulary pieces from its start (`##` marks a piece inside a word); a word
/// that cannot be cut, or is longer than 100 characters, is one unknown token.
struct WordPieceTokenizer: Sendable {
    /// Pieces that start a word.
    private let starts: [String: Int32]
    /// Pieces inside a word, keyed without their `##`.
    private let continuations: [String: Int32]
    /// The `[UNK]` id.
    let unknown: Int32
    /// The longest piece, in Unicode scalars: no longer candidate is looked up, which bounds the
    /// work on a hostile 100-letter word to 100 × this many lookups.
    private let longestPiece: Int

    /// The longest word cut into pieces, in Unicode scalars (BERT's `max_input_chars_per_word`).
    static let longestWord = 100

    /// A tokenizer over `vocabulary` (index = id); it must hold `[UNK]`.
    init?(vocabulary: [String]) {
        var starts: [String: Int32] = [:]
        var continuations: [String: Int32] = [:]
        for (index, piece) in vocabulary.enumerated() {
            if piece.hasPrefix("##") { continuations[String(piece.dropFirst(2))] = Int32(index) } else { starts[piece] = Int32(index) }
        }
        guard let unknown = starts["[UNK]"] else { return nil }
        longestPiece = max(1, vocabulary.map { $0.unicodeScalars.count }.max() ?? 1)
        self.starts = starts
        self.continuations = continuations
        self.unknown = unknown
    }

    /// The ids of `text`, at most `limit` of them (the rest of the text is not read).
    func ids(_ text: String, limit: Int) -> [Int32] {
        var ids: [Int32] = []
        var word = String.UnicodeScalarView()
        var ascii = true
        func flush() {
            guard !word.isEmpty else { return }
            pieces(of: ascii ? String(word) : Self.folded(String(word)), into: &ids)
            word.removeAll(keepingCapacity: true)
            ascii = true
        }
        for scalar in text.unicodeScalars {
            if ids.count >= limit { break }
            let value = scalar.value
            if value < 0x80 {
                if (0x41...0x5A).contains(value) {
                    word.append(Unicode.Scalar(UInt8(value + 0x20)))
                } else if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    word.append(scalar)
                } else if value <= 0x20 || value == 0x7F {
                    flush()
                } else {
                    flush()
                    word.append(scalar)
                    flush()
                }
                continue
            }
            if Self.isSeparator(scalar) {
                flush()
            } else if Self.standsAlone(scalar) {
                flush()
                word.append(scalar)
                ascii = false
                flush()
            } else {
                word.append(scalar)
                ascii = false
            }
        }
        flush()
        return ids.count > limit ? Array(ids.prefix(limit)) : ids
    }

    /// Appends the pieces of one word (already lower-case, without accents).
    private func pieces(of word: String, into ids: inout [Int32]) {
        let scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty else { return }
        guard scalars.count <= Self.longestWord else { ids.append(unknown); return }
        var found: [Int32] = []
        var start = 0
        while start < scalars.count {
            var end = min(scalars.count, start + longestPiece)
            var hit: Int32?
            while end > start {
                var candidate = String.UnicodeScalarView()
                candidate.append(contentsOf: scalars[start..<end])
                hit = (start == 0 ? starts : continuations)[String(candidate)]
                if hit != nil { break }
                end -= 1
            }
            guard let hit else { ids.append(unknown); return }
            found.append(hit)
            start = end
        }
        ids.append(contentsOf: found)
    }

    /// Lower-cased, canonically decomposed, combining marks dropped: BERT's uncased normaliser.
    static func folded(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }

    /// White space and control or format characters: they end a word and are dropped.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace || scalar.value == 0xFFFD { return true }
        switch scalar.properties.generalCategory {
        case .control, .format: return true
        default: return false
        }
    }

    /// Punctuation and CJK ideographs: each is a word of its own.
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            break
        }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
