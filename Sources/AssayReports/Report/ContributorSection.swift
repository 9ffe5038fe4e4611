import AssayCore

/// One contributor's part of the report: their standing, their acceptance day by day, and the
/// reason codes their files carry most often (any verdict).
public struct ContributorSection: Sendable, Equatable {
    /// The contributor's files submitted on one UTC day (the ledger's ``ContributorDay``).
    public typealias Day = ContributorDay

    /// Their leaderboard row.
    public let row: Ranker.Row
    /// Their last ``ReportBuilder/daysShown`` days with files, oldest first.
    public let days: [Day]
    /// Their most frequent reason codes with file counts, most first.
    public let topReasons: [(code: String, files: Int)]

    /// Compares sections field by field.
    public static func == (a: ContributorSection, b: ContributorSection) -> Bool {
        a.row == b.row && a.days == b.days && a.topReasons.map(\.code) == b.topReasons.map(\.code) && a.topReasons.map(\.files) == b.topReasons.map(\.files)
    }
}
