/// Decodes every frame of an open file, one block of ``AudioLimits/blockFrames`` frames at a
/// time, through the level meter and the fingerprint hasher: the whole file is never in memory
/// as samples.
enum AudioDecoder {
    /// Decodes `file` to its end (or its first error) and gathers the integrity facts.
    /// `truePeak` asks the loudness meter for true peak too (it doubles the meter's cost).
    static func decode(_ file: SoundFile, meter: inout SignalMeter, truePeak: Bool = false) -> DecodeResult {
        let header = file.header
        let channels = header.channels
        let blockFrames = AudioLimits.blockFrames
        var hasher = PCMHasher(sampleRate: header.sampleRate, channels: channels, blockFrames: blockFrames)
        var buffer = [Float](repeating: 0, count: blockFrames * channels)
        var framesRead: Int64 = 0
        let loudness = LoudnessMeter(channels: channels, sampleRate: header.sampleRate, truePeak: truePeak)
        buffer.withUnsafeMutableBufferPointer { block in
            guard let base = block.baseAddress else { return }
            while true {
                let got = file.readFrames(into: base, frames: blockFrames)
                guard got > 0 else { break }
                framesRead += Int64(got)
                meter.add(block, frameCount: got)
                loudness?.add(block, frameCount: got)
                hasher.add(UnsafeBufferPointer(rebasing: block[..<(got * channels)]))
            }
        }
        return DecodeResult(
            framesRead: framesRead,
            error: file.readError,
            unreadBytes: file.unreadBytes,
            log: HeaderLog(file.headerLog()),
            levels: meter.finish(sampleRate: header.sampleRate),
            fingerprint: AudioFingerprint(digest: hasher.finish()),
            loudness: loudness?.finish())
    }
}
