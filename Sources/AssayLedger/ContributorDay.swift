/// A contributor's files submitted on one UTC day, as the ledger counts them for the report.
public struct ContributorDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public let day: String
    /// Files accepted that day.
    public let accepted: Int
    /// Files submitted that day, whatever the verdict.
    public let total: Int

    /// A day's counts.
    public init(day: String, accepted: Int, total: Int) {
        self.day = day
        self.accepted = accepted
        self.total = total
    }
}
