/// One kind's findings in one text: how many, and the byte offset of the first. The matched
/// text itself is never kept, so it cannot reach a verdict, the ledger or a report.
public struct PIIMatch: Sendable, Equatable {
    /// How many were found.
    public var count = 0
    /// Byte offset of the first one.
    public var firstOffset: Int?

    mutating func add(at offset: Int) {
        count += 1
        if firstOffset == nil { firstOffset = offset }
    }
}
