import AssayCore
/// Orders contributors by acceptance, not by volume.
public struct Ranker: Sendable {
    /// One row of the leaderboard.
    public struct Row: Sendable, Equatable {
        /// 1-based position.
        public let rank: Int
        /// The contributor's counts.
        public let tally: ContributorTally
        /// The score under the ranking method.
        public let score: Double
    }

    /// The scoring method.
    public let method: RankingMethod
    /// Contributors with fewer decided files are left out.
    public let minDecided: Int

    /// A ranker.
    public init(method: RankingMethod = .wilson(z: 1.96), minDecided: Int = 0) {
        self.method = method
        self.minDecided = minDecided
    }

    /// The leaderboard: score descending, ties by accepted count descending, then contributor id.
    public func rank(_ tallies: [ContributorTally]) -> [Row] {
        let scored = tallies.filter { $0.decided >= minDecided }.map { ($0, method.score(accepted: $0.accepted, rejected: $0.rejected)) }
        let ordered = scored.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.0.accepted != b.0.accepted { return a.0.accepted > b.0.accepted }
            return a.0.contributor < b.0.contributor
        }
        return ordered.enumerated().map { Row(rank: $0.offset + 1, tally: $0.element.0, score: $0.element.1) }
    }
}
