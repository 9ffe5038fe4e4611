import AssayCore
import Foundation

/// How a contributor's acceptance is scored for ranking. Every method uses accepted and rejected
/// only: a rejection lowers the score, volume alone never raises it, refusals do not count.
public enum RankingMethod: Sendable, Equatable {
    /// The lower bound of the Wilson score interval (default z = 1.96, 95%): 1 of 1 ranks below 100 of 101.
    case wilson(z: Double)
    /// The mean of the Beta(alpha + accepted, beta + rejected) posterior (default prior Beta(1, 1)).
    case bayes(alpha: Double, beta: Double)
    /// The plain ratio accepted / (accepted + rejected).
    case rate

    /// The method's name on the command line.
    public var name: String {
        switch self {
        case .wilson: return "wilson"
        case .bayes: return "bayes"
        case .rate: return "rate"
        }
    }

    /// The score of `accepted` out of `accepted + rejected`; 0 when nothing was decided
    /// (for `bayes`, the prior mean).
    public func score(accepted: Int, rejected: Int) -> Double {
        let n = Double(accepted + rejected)
        switch self {
        case let .wilson(z):
            guard n > 0 else { return 0 }
            let p = Double(accepted) / n
            let z2 = z * z
            let centre = p + z2 / (2 * n)
            let margin = z * ((p * (1 - p) + z2 / (4 * n)) / n).squareRoot()
            return max(0, (centre - margin) / (1 + z2 / n))
        case let .bayes(alpha, beta):
            return (alpha + Double(accepted)) / (alpha + beta + n)
        case .rate:
            return n > 0 ? Double(accepted) / n : 0
        }
    }
}
