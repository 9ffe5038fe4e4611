import CEBUR128
import Foundation

/// EBU R128 loudness with libebur128 (the library behind ffmpeg's `ebur128` filter and
/// loudgain): integrated loudness in LUFS (gated, ITU-R BS.1770-4) and, when asked, true peak
/// in dBTP (4× oversampled), fed the same float blocks as the level meter. One meter per file,
/// on the thread analysing it. Measured on espeak-ng speech (release build, 95 s of audio in 7
/// files): the whole audio check took 0.15 CPU s with integrated loudness and 0.43 with true
/// peak too (libebur128 was a third of the first and three quarters of the second), so true
/// peak is measured only when `max_true_peak_dbtp` is set.
final class LoudnessMeter {
    /// What the meter measured; either is nil when it was not or cannot be measured (silence has
    /// no integrated loudness: every block is below the −70 LUFS gate).
    struct Result: Equatable {
        let integratedLUFS: Double?
        let truePeakDBTP: Double?
    }

    private var state: UnsafeMutablePointer<ebur128_state>?
    private let channels: Int

    private let truePeak: Bool

    /// A meter for interleaved float audio, measuring true peak too when `truePeak`; nil when
    /// libebur128 refuses the shape (it takes 1 to 64 channels at 8 Hz to 2.8 MHz).
    init?(channels: Int, sampleRate: Int, truePeak: Bool) {
        let mode = EBUR128_MODE_I.rawValue | (truePeak ? EBUR128_MODE_TRUE_PEAK.rawValue : 0)
        guard channels > 0, sampleRate > 0, let state = ebur128_init(UInt32(channels), UInt(sampleRate), Int32(mode)) else { return nil }
        self.state = state
        self.channels = channels
        self.truePeak = truePeak
    }

    deinit { ebur128_destroy(&state) }

    /// Adds `frameCount` interleaved frames.
    func add(_ block: UnsafeMutableBufferPointer<Float>, frameCount: Int) {
        guard let base = block.baseAddress, frameCount > 0 else { return }
        _ = ebur128_add_frames_float(state, base, frameCount)
    }

    /// The loudness of everything added.
    func finish() -> Result {
        var loudness = 0.0
        let integrated = ebur128_loudness_global(state, &loudness) == Int32(EBUR128_SUCCESS.rawValue) && loudness.isFinite ? loudness : nil
        var peak = 0.0
        for channel in 0..<(truePeak ? channels : 0) {
            var value = 0.0
            if ebur128_true_peak(state, UInt32(channel), &value) == Int32(EBUR128_SUCCESS.rawValue) { peak = max(peak, value) }
        }
        return Result(integratedLUFS: integrated, truePeakDBTP: peak > 0 ? 20 * log10(peak) : nil)
    }
}
