/// One text's trigrams counted per ``TrigramModel`` row: what the model's totals are summed from.
struct TrigramCounts {
    /// Occurrences per model row (most are 0).
    let rows: [Int32]
    /// A bit per row, set where the row's count is not 0: walked in order, it visits the rows a
    /// text has in key order without sorting.
    let seen: [UInt64]
    /// Trigrams counted, the model's rows or not.
    let trigrams: Int
    /// Trigrams no profile lists (each scores its language's floor).
    let unknown: Int
}
