#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixed limits of `audio-check` that are not options.
enum AudioLimits {
    /// Sample rates a real recording can have; outside is `audio.sample_rate_implausible`.
    static let plausibleRates: ClosedRange<Int> = 1000...768_000
    /// Frames decoded per `sf_readf_float` call: the only audio ever held in memory.
    static let blockFrames = 4096
    /// The dBFS reported for digital silence, so metrics stay finite.
    static let floorDBFS = -200.0
    /// The lowest sample rate, Hz, whose bandwidth is estimated and judged (`audio.upsampled`):
    /// below it, a file has no room for a much wider band than speech already uses.
    static let bandwidthJudgedFrom = 32000
    /// Size of the buffer for libsndfile's header log (its own log holds 2048 bytes).
    static let logBytes = 4096

    /// An amplitude ratio in dB, floored at ``floorDBFS``.
    static func dBFS(amplitude value: Double) -> Double {
        guard value > 0 else { return floorDBFS }
        return max(floorDBFS, 20 * log10(value))
    }

    /// A mean power (mean of squares) in dB, floored at ``floorDBFS``.
    static func dBFS(power value: Double) -> Double {
        guard value > 0 else { return floorDBFS }
        return max(floorDBFS, 10 * log10(value))
    }

    /// The mean power of a level in dBFS.
    static func power(dBFS level: Double) -> Double {
        pow(10, level / 10)
    }
}
