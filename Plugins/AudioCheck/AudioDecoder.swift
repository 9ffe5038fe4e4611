import AssayKit

/// Decodes every frame of an open file, one block of ``AudioLimits/blockFrames`` frames at a
/// time, through the level meter, the loudness meter, the fingerprint hasher and, when asked, the
/// voice activity, bandwidth and Chromaprint meters: the whole file is never in memory as samples.
enum AudioDecoder {
    /// What to measure beyond levels, loudness and the exact hash.
    struct Measures {
        /// True peak in the loudness meter (it doubles the meter's cost).
        var truePeak = false
        /// Voice activity over 20 ms frames.
        var activity = false
        /// The bandwidth estimate (only worth it at 32 kHz and above).
        var bandwidth = false
        /// The Chromaprint fingerprint.
        var acoustic = false
    }

    /// Decodes `file` to its end (or its first error) and gathers the integrity facts. Decoding
    /// stops early, with ``DecodeResult/stop`` saying why, once more than `maxFrames` frames
    /// came out (a header can declare hours in a few kilobytes: the rest is never decoded), or
    /// once `budget` is spent (checked every block).
    static func decode(_ file: SoundFile, meter: inout SignalMeter, measures: Measures = Measures(),
                       maxFrames: Int64 = .max, budget: StageBudget = .unlimited) -> DecodeResult {
        let header = file.header
        let channels = header.channels
        let blockFrames = AudioLimits.blockFrames
        var hasher = PCMHasher(sampleRate: header.sampleRate, channels: channels, blockFrames: blockFrames)
        var activity = measures.activity ? VoiceActivityMeter(channels: channels, sampleRate: header.sampleRate) : nil
        var bandwidth = measures.bandwidth ? BandwidthMeter(channels: channels, sampleRate: header.sampleRate) : nil
        let chromaprint = measures.acoustic ? ChromaprintMeter(channels: channels, sampleRate: header.sampleRate, blockFrames: blockFrames) : nil
        var buffer = [Float](repeating: 0, count: blockFrames * channels)
        var framesRead: Int64 = 0
        var stop: DecodeResult.Stop?
        let loudness = LoudnessMeter(channels: channels, sampleRate: header.sampleRate, truePeak: measures.truePeak)
        buffer.withUnsafeMutableBufferPointer { block in
            guard let base = block.baseAddress else { return }
            while true {
                let got = file.readFrames(into: base, frames: blockFrames)
                guard got > 0 else { break }
                framesRead += Int64(got)
                meter.add(block, frameCount: got)  // first: it zeroes NaN and infinities
                let samples = UnsafeBufferPointer(rebasing: block[..<(got * channels)])
                loudness?.add(block, frameCount: got)
                activity?.add(samples, frameCount: got)
                if bandwidth?.wantsMore == true { bandwidth?.add(samples, frameCount: got) }
                chromaprint?.add(samples, frameCount: got)
                hasher.add(samples)
                if framesRead > maxFrames {
                    stop = .pastMaxFrames
                    break
                }
                if budget.exceeded {
                    stop = .outOfBudget
                    break
                }
            }
        }
        let items = chromaprint?.finish() ?? []
        return DecodeResult(
            framesRead: framesRead,
            error: file.readError,
            unreadBytes: file.unreadBytes,
            log: HeaderLog(file.headerLog()),
            levels: meter.finish(sampleRate: header.sampleRate),
            activity: activity?.finish(),
            bandwidthHz: bandwidth?.finish(),
            fingerprint: AudioFingerprint(digest: hasher.finish(), acoustic: items.isEmpty ? nil : AcousticPrint(items: items)),
            loudness: loudness?.finish(),
            stop: stop)
    }
}
