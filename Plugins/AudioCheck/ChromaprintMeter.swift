import CChromaprint

/// Chromaprint (the fingerprinter behind AcoustID and `fpcalc`) fed the decoded blocks as 16-bit
/// samples, one context per file on the thread analysing it. Chromaprint downmixes and resamples
/// to 11025 Hz itself and gives about 8 raw 32-bit items a second; a clip needs about 2.6 s of
/// audio before it gives any. Only the first ``maxSeconds`` are fed, as `fpcalc` does. Chromaprint
/// takes one or two channels: more are mixed to mono first.
final class ChromaprintMeter {
    /// Seconds of audio fingerprinted at most.
    static let maxSeconds = 120.0

    private let context: OpaquePointer
    /// Channels of the blocks added.
    private let channels: Int
    /// Channels fed to chromaprint: `channels`, or 1 when there are more than 2.
    private let fedChannels: Int
    private var remaining: Int
    private var scratch: [Int16]
    private var failed = false

    /// A context for `channels` interleaved channels at `sampleRate` Hz, taking blocks of up to
    /// `blockFrames` frames; nil when chromaprint refuses the shape.
    init?(channels: Int, sampleRate: Int, blockFrames: Int) {
        guard channels > 0, sampleRate > 0, let context = chromaprint_new(Int32(CHROMAPRINT_ALGORITHM_DEFAULT.rawValue)) else { return nil }
        let fedChannels = channels > 2 ? 1 : channels
        guard chromaprint_start(context, Int32(sampleRate), Int32(fedChannels)) == 1 else {
            chromaprint_free(context)
            return nil
        }
        self.context = context
        self.channels = channels
        self.fedChannels = fedChannels
        remaining = Int(Self.maxSeconds * Double(sampleRate))
        scratch = [Int16](repeating: 0, count: blockFrames * fedChannels)
    }

    deinit { chromaprint_free(context) }

    /// Adds `frameCount` interleaved frames of finite samples, rounded to 16 bits.
    func add(_ block: UnsafeBufferPointer<Float>, frameCount: Int) {
        let frames = min(frameCount, remaining, scratch.count / fedChannels)
        guard frames > 0, !failed else { return }
        remaining -= frames
        let count = frames * fedChannels
        let mixing = fedChannels != channels
        let scale = 32768 / Float(mixing ? channels : 1)
        let fed: Int32 = scratch.withUnsafeMutableBufferPointer { out in
            for index in 0..<count {
                var value = block[index]
                if mixing {
                    value = 0
                    for channel in 0..<channels { value += block[index * channels + channel] }
                }
                // As in PCMHasher: clamp, then round by adding 1.5·2²³ (no trapping conversion).
                let scaled = min(max(value * scale, -32768), 32767)
                out[index] = Int16(truncatingIfNeeded: (scaled + 12_582_912).bitPattern)
            }
            return chromaprint_feed(context, out.baseAddress, Int32(count))
        }
        if fed != 1 { failed = true }
    }

    /// The raw fingerprint of everything fed; empty when the audio was too short for one item
    /// or chromaprint failed.
    func finish() -> [UInt32] {
        guard !failed, chromaprint_finish(context) == 1 else { return [] }
        var items: UnsafeMutablePointer<UInt32>?
        var size: Int32 = 0
        guard chromaprint_get_raw_fingerprint(context, &items, &size) == 1, let items else { return [] }
        defer { chromaprint_dealloc(items) }
        return Array(UnsafeBufferPointer(start: items, count: Int(max(0, size))))
    }
}
