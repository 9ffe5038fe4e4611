import AssayCore
import AssayKit
import AssayReports
import Foundation
import Synchronization

/// The public leaderboard, computed at most once per `every` seconds (an hour by default) and
/// served from memory in between.
///
/// score = 0.8 × acceptance + 0.2 × consistency, where acceptance is the lower bound of the 95%
/// Wilson interval of accepted / (accepted + rejected) over every datanet of the server (so one
/// accepted file of one does not beat 95 of 100; refused and error files do not count), and
/// consistency is the share of the last 30 UTC days on which the contributor had an upload kept.
/// Ties: more accepted files first, then the name in bytes.
final class Leaderboard: Sendable {
    /// One contributor's row.
    struct Row: Sendable {
        let rank: Int
        let contributor: String
        let accepted: Int
        let rejected: Int
        let refused: Int
        let activeDays: Int
        let acceptance: Double
        let score: Double
    }

    /// The rows and when they were computed.
    struct Board: Sendable {
        let rows: [Row]
        let computedAt: Int64
    }

    private let every: Double
    private let cached = Mutex<Board?>(nil)

    init(every: Double) {
        self.every = every
    }

    /// The board, computed again when the stored one is older than `every` seconds.
    func board(ledgers: [Ledger], accounts: Ledger) throws(LedgerError) -> Board {
        let now = Int64(Date().timeIntervalSince1970)
        if let board = cached.withLock({ $0 }), Double(now - board.computedAt) < every { return board }
        var tallies: [String: ContributorTally] = [:]
        for ledger in ledgers {
            for tally in try ledger.tallies() {
                var total = tallies[tally.contributor] ?? ContributorTally(contributor: tally.contributor)
                total.accepted += tally.accepted
                total.rejected += tally.rejected
                total.refused += tally.refused
                tallies[tally.contributor] = total
            }
        }
        let days = try accounts.activeDays(since: now - 30 * 86_400)
        let method = RankingMethod.wilson(z: 1.96)
        let scored = tallies.values.map { tally -> (ContributorTally, Int, Double, Double) in
            let active = min(days[tally.contributor] ?? 0, 30)
            let acceptance = method.score(accepted: tally.accepted, rejected: tally.rejected)
            return (tally, active, acceptance, 0.8 * acceptance + 0.2 * Double(active) / 30)
        }.sorted { a, b in
            if a.3 != b.3 { return a.3 > b.3 }
            if a.0.accepted != b.0.accepted { return a.0.accepted > b.0.accepted }
            return a.0.contributor.utf8.lexicographicallyPrecedes(b.0.contributor.utf8)
        }
        let rows = scored.enumerated().map { index, item in
            Row(rank: index + 1, contributor: item.0.contributor, accepted: item.0.accepted, rejected: item.0.rejected, refused: item.0.refused,
                activeDays: item.1, acceptance: item.2, score: item.3)
        }
        let board = Board(rows: rows, computedAt: now)
        cached.withLock { $0 = board }
        return board
    }
}
