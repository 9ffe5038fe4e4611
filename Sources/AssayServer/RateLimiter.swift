import Foundation
import Synchronization

/// Per-token request rate limits (a token bucket per token, in this process): `burst` requests
/// at once, refilled at `perSecond`. Past it a request is answered `429` with `Retry-After`.
/// Several server processes each keep their own buckets.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var at: Double
    }

    private let perSecond: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perSecond: Double, burst: Int) {
        self.perSecond = max(perSecond, 0.001)
        self.burst = Double(max(burst, 1))
    }

    /// nil when `key` may make a request now (which is counted), else the seconds to wait.
    func take(_ key: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, at: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * perSecond)
            bucket.at = now
            defer {
                buckets[key] = bucket
                // Forget idle keys now and then, so memory follows the active tokens only.
                if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.at < burst / perSecond } }
            }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
            bucket.tokens -= 1
            return nil
        }
    }
}
