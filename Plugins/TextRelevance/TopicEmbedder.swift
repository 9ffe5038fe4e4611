/// A text's place in the embedding space: the table's word pieces of its first
/// ``pieceLimit`` pieces, weighted, averaged and measured from the background mean.
struct TopicEmbedder: Sendable {
    /// The table.
    let table: EmbeddingTable

    /// Pieces read from a text: about 60 KB of English. Bounds the CPU a hostile file can take;
    /// a topic shows in a text's first pages.
    static let pieceLimit = 16_384

    /// The embedding of UTF-8 `bytes` (invalid sequences read as U+FFFD, which ends a word).
    func embed(_ bytes: some Collection<UInt8>) -> UnitVector {
        embed(String(decoding: bytes.prefix(Self.pieceLimit * 8), as: UTF8.self))
    }

    /// The embedding of `text`.
    func embed(_ text: String) -> UnitVector {
        UnitVector(table.embedding(of: table.tokenizer.ids(text, limit: Self.pieceLimit)))
    }
}
