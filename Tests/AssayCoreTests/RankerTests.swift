import AssayCore
import AssayReports
import Testing

/// Ranking by acceptance, not volume: hand-computed Wilson values and properties over a full grid.
@Suite struct RankerTests {
    let wilson = RankingMethod.wilson(z: 1.96)

    @Test func wilsonMatchesHandComputedValues() {
        // (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) with z = 1.96, computed independently (Python).
        #expect(abs(wilson.score(accepted: 1, rejected: 0) - 0.206543) < 1e-6)
        #expect(abs(wilson.score(accepted: 100, rejected: 1) - 0.946032) < 1e-6)
        #expect(abs(wilson.score(accepted: 5, rejected: 5) - 0.236590) < 1e-6)
        #expect(abs(wilson.score(accepted: 0, rejected: 10) - 0.0) < 1e-12)
        #expect(wilson.score(accepted: 0, rejected: 0) == 0)
    }

    @Test func oneOfOneRanksBelowHundredOfHundredAndOne() {
        let rows = Ranker().rank([ContributorTally(contributor: "new", accepted: 1), ContributorTally(contributor: "steady", accepted: 100, rejected: 1)])
        #expect(rows.map(\.tally.contributor) == ["steady", "new"])
    }

    @Test(arguments: [RankingMethod.wilson(z: 1.96), .bayes(alpha: 1, beta: 1), .bayes(alpha: 2, beta: 5), .rate])
    func aRejectionNeverRaisesAScoreAndRefusalsChangeNothing(method: RankingMethod) {
        for accepted in 0...60 {
            for rejected in 0...60 {
                let before = method.score(accepted: accepted, rejected: rejected)
                #expect(method.score(accepted: accepted, rejected: rejected + 1) <= before + 1e-12)
                #expect(method.score(accepted: accepted + 1, rejected: rejected) >= before - 1e-12)
            }
        }
        let base = ContributorTally(contributor: "a", accepted: 7, rejected: 3, refused: 0)
        var refusedMore = base
        refusedMore.refused = 50
        refusedMore.errors = 9
        let ranker = Ranker(method: method)
        #expect(ranker.rank([base]).first?.score == ranker.rank([refusedMore]).first?.score)
    }

    @Test func bayesIsThePosteriorMean() {
        #expect(RankingMethod.bayes(alpha: 1, beta: 1).score(accepted: 3, rejected: 1) == 4.0 / 6.0)
        #expect(RankingMethod.bayes(alpha: 2, beta: 3).score(accepted: 0, rejected: 0) == 0.4)
    }

    @Test func tiesGoToMoreAcceptedThenContributorId() {
        let rows = Ranker(method: .rate).rank([
            ContributorTally(contributor: "b", accepted: 2), ContributorTally(contributor: "a", accepted: 2),
            ContributorTally(contributor: "c", accepted: 4), ContributorTally(contributor: "d", accepted: 1, rejected: 1),
        ])
        #expect(rows.map(\.tally.contributor) == ["c", "a", "b", "d"])
        #expect(rows.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func minDecidedLeavesOutSmallContributors() {
        let rows = Ranker(minDecided: 3).rank([ContributorTally(contributor: "a", accepted: 2), ContributorTally(contributor: "b", accepted: 2, rejected: 1, refused: 9)])
        #expect(rows.map(\.tally.contributor) == ["b"])
    }
}
