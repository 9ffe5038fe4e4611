/// Where decide must be replayed from: every verdict, index entry and quota count of a file
/// before the mark is what a fresh run would give; from the mark on they may be stale.
public struct StaleMark: Sendable, Equatable {
    /// The boundary key.
    public var key: CanonicalKey
    /// True when the file at `key` itself is stale (files from `key` on); false for files after it.
    public var inclusive: Bool

    /// From the very first file.
    public static let everything = StaleMark(key: .start, inclusive: true)

    /// Creates a mark.
    public init(key: CanonicalKey, inclusive: Bool) {
        self.key = key
        self.inclusive = inclusive
    }

    /// True when this mark lies at or before `other` in canonical order (a mark at a key with
    /// `inclusive` lies just before the key's file, without it just after).
    public func isAtOrBefore(_ other: StaleMark) -> Bool {
        key == other.key ? (inclusive || !other.inclusive) : key < other.key
    }

    /// The earlier of two marks (nil means nothing is stale).
    public static func earliest(_ a: StaleMark?, _ b: StaleMark?) -> StaleMark? {
        guard let a else { return b }
        guard let b else { return a }
        if a.key == b.key { return StaleMark(key: a.key, inclusive: a.inclusive || b.inclusive) }
        return a.key < b.key ? a : b
    }

    /// SQL for "the row's (submitted_at, path, root) is at or after the mark" (or before it).
    func condition(after: Bool, prefix: String = "") -> String {
        let columns = "(\(prefix)submitted_at, \(prefix)path, \(prefix)root)"
        switch (after, inclusive) {
        case (true, true): return "\(columns) >= (?, ?, ?)"
        case (true, false): return "\(columns) > (?, ?, ?)"
        case (false, true): return "\(columns) < (?, ?, ?)"
        case (false, false): return "\(columns) <= (?, ?, ?)"
        }
    }
}

extension CanonicalKey {
    /// The key in a ledger row's `submitted_at`, `path` and `root` columns.
    init(_ row: SQLRow) throws(SQLRowError) {
        self.init(submittedAt: try row["submitted_at"], path: try row["path"], root: try row["root"])
    }
}
