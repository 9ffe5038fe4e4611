#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Estimates how much of the spectrum a file really uses, the way NeMo's speech data processor
/// (`EstimateBandwidth`) does: the mean power spectrum of the channels' mix over the first
/// ``analysisSeconds`` (2048-point FFTs, Hann window), and the highest frequency whose power is
/// within ``thresholdDB`` of the spectrum's peak. Audio resampled up from 8, 16 or 22.05 kHz keeps
/// nothing above the old Nyquist frequency but dither, 60 dB or more below.
///
/// To halve the cost, every other 2048-sample frame is transformed (about 54 FFTs at 44.1 kHz), and
/// frames quieter than −60 dBFS are left out: a silent stretch holds only dither, whose flat
/// spectrum would read as full bandwidth.
///
/// Measured on sox files (the figure is the bandwidth over the Nyquist frequency): pink and white
/// noise at 44.1 kHz 0.97–0.99, a sawtooth chord and a pluck melody 0.96, espeak-ng speech
/// (22.05 kHz) resampled to 44.1 kHz 0.48, speech from 16 kHz 0.32–0.35, from 8 kHz 0.17, pink
/// noise from 32 kHz to 48 kHz 0.64; LAME MP3 of 44.1 kHz pink noise 0.75 (64 kbit/s, `-V 6`)
/// to 0.91 (128 kbit/s and up), Ogg Vorbis 0.78.
struct BandwidthMeter {
    /// Seconds at the start of the file that are analysed.
    static let analysisSeconds = 5.0
    /// A bin counts as holding energy when its power is within this many dB of the peak bin's.
    static let thresholdDB = 50.0
    /// Frames with a mean square below this (−60 dBFS) are not transformed.
    static let silentPower: Float = 1e-6
    /// The Hann window of ``RealFFT/bandwidth``'s size.
    private static let window: [Float] = {
        let size = RealFFT.bandwidth.size
        return (0..<size).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size))) }
    }()

    private let fft = RealFFT.bandwidth
    private let channels: Int
    private let sampleRate: Int
    private var frame: [Float]
    private var fill = 0
    private var frameSquares: Float = 0
    /// Samples still to pass over before the next frame starts (the frame in between is skipped).
    private var skip = 0
    /// Frames of the first ``analysisSeconds`` not yet seen.
    private var remaining: Int
    private var power: [Float]
    private var scratch: [Float]
    private var transforms = 0

    /// A meter for `channels` interleaved channels at `sampleRate` Hz (both above 0).
    init(channels: Int, sampleRate: Int) {
        self.channels = max(1, channels)
        self.sampleRate = sampleRate
        let size = fft.size
        frame = [Float](repeating: 0, count: size)
        power = [Float](repeating: 0, count: size / 2 + 1)
        scratch = [Float](repeating: 0, count: size)
        remaining = Int(Self.analysisSeconds * Double(sampleRate))
    }

    /// False once the first ``analysisSeconds`` have been seen: later blocks need not be sent.
    var wantsMore: Bool { remaining > 0 }

    /// Adds `frameCount` interleaved frames of finite samples.
    mutating func add(_ block: UnsafeBufferPointer<Float>, frameCount: Int) {
        let size = fft.size
        let scale = 1 / Float(channels)
        let count = min(frameCount, remaining)
        remaining -= count
        var index = 0
        while index < count {
            if skip > 0 {
                let passed = min(skip, count - index)
                skip -= passed
                index += passed
                continue
            }
            let take = min(size - fill, count - index)
            Self.window.withUnsafeBufferPointer { window in
                frame.withUnsafeMutableBufferPointer { frame in
                    for offset in 0..<take {
                        let base = (index + offset) * channels
                        var mix: Float = 0
                        for channel in 0..<channels { mix += block[base + channel] }
                        mix *= scale
                        frameSquares += mix * mix
                        frame[fill + offset] = mix * window[fill + offset]
                    }
                }
            }
            fill += take
            index += take
            if fill == size {
                if frameSquares / Float(size) >= Self.silentPower { transform() }
                fill = 0
                frameSquares = 0
                skip = size
            }
        }
    }

    private mutating func transform() {
        frame.withUnsafeBufferPointer { input in
            power.withUnsafeMutableBufferPointer { power in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    fft.addPowerSpectrum(input, into: power, scratch: scratch)
                }
            }
        }
        transforms += 1
    }

    /// The highest frequency holding energy, Hz (a bin's centre, so a multiple of rate / 2048);
    /// nil when no frame louder than −60 dBFS was transformed, or the spectrum is not finite.
    func finish() -> Double? {
        guard transforms > 0, let peak = power.max(), peak > 0, peak.isFinite else { return nil }
        let floor = peak * Float(pow(10, -Self.thresholdDB / 10))
        guard let highest = power.lastIndex(where: { $0 >= floor }) else { return nil }
        return Double(highest) * Double(sampleRate) / Double(fft.size)
    }
}
