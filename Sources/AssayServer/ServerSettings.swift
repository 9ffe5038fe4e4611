import AssayCore
import AssayKit

/// Everything `assay serve` needs before it listens.
public struct ServerSettings: Sendable {
    /// The address to bind (`127.0.0.1` by default: TLS and the public face belong to a reverse proxy).
    public var host: String
    /// The port; 0 lets the system choose (the server prints the one it got).
    public var port: Int
    /// The datanets, by name.
    public var datanets: [HostedDatanet]
    /// The ledger that keeps accounts, uploads and quota usage (the first datanet's by default).
    public var accounts: String
    /// The daily limits decided at the door.
    public var quota: ServeQuota
    /// Seconds an upload waits for its verdict before the answer is `202` with a status URL.
    public var answerWithin: Double
    /// Seconds the leaderboard is kept before it is computed again (at most hourly by default).
    public var leaderboardEvery: Double
    /// Requests a token may make per second, on average (per server process).
    public var ratePerSecond: Double
    /// Requests a token may make at once before ``ratePerSecond`` applies.
    public var burst: Int
    /// The modality of a file extension (lower case, no dot), for uploads that do not say.
    public var extensions: [String: Modality]
    /// Analysis threads per run.
    public var jobs: Int
    /// Seconds between full walks of a datanet's folder (3600 by default). In between, each run
    /// stages only the uploads it places, so its cost does not grow with the datanet; a full walk
    /// sees what changed in the folder by other hands (a file a curator removed). 0: every run
    /// walks in full.
    public var walkEvery: Double = 3600

    /// Settings with the documented defaults.
    public init(host: String = "127.0.0.1", port: Int = 8080, datanets: [HostedDatanet], accounts: String, quota: ServeQuota = ServeQuota(),
                answerWithin: Double = 30, leaderboardEvery: Double = 3600, ratePerSecond: Double = 5, burst: Int = 20,
                extensions: [String: Modality], jobs: Int) {
        self.host = host
        self.port = port
        self.datanets = datanets
        self.accounts = accounts
        self.quota = quota
        self.answerWithin = answerWithin
        self.leaderboardEvery = leaderboardEvery
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.extensions = extensions
        self.jobs = jobs
    }
}
