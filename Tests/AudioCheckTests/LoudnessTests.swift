import AssayCore
import AudioCheck
import Foundation
import Testing

/// EBU R128 loudness (libebur128) on espeak-ng speech made louder and quieter with sox: each
/// limit at, just inside and just outside the measured value.
@Suite struct LoudnessTests: SpeechSuite {
    let maker: SoundMaker
    let speech: URL

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech()
    }

    @Test func speechMeasuresAsSpeechAndPassesTheDefaults() throws {
        let finding = try judge(speech)
        #expect(finding.reasons.isEmpty)
        #expect(finding.metrics["audio.true_peak_dbtp"] == nil, "true peak is measured only when a limit asks for it")
        let lufs = try #require(finding.metrics["audio.lufs"])
        let peak = try #require(try judge(speech) { $0.maxTruePeakDBTP = 20 }.metrics["audio.true_peak_dbtp"])
        // espeak-ng writes full-scale speech: about -20 LUFS, true peak just under 0 dBTP.
        #expect((-26 ... -16).contains(lufs), "\(lufs)")
        #expect((-3 ... 1).contains(peak), "\(peak)")
        // 20 dB less gain is 20 LU quieter: loudness is linear in gain.
        let quieter = try judge(try maker.sox("quieter.wav", [speech.path, "OUT", "gain", "-20"]))
        #expect(abs((quieter.metrics["audio.lufs"] ?? 0) - (lufs - 20)) < 0.2)
    }

    @Test func eachLimitAtJustInsideAndJustOutside() throws {
        let measured = try judge(speech) { $0.maxTruePeakDBTP = 20 }.metrics
        let lufs = try #require(measured["audio.lufs"]), peak = try #require(measured["audio.true_peak_dbtp"])
        #expect(try judge(speech) { $0.minLUFS = lufs }.reasons.isEmpty, "at the limit passes")
        #expect(try judge(speech) { $0.minLUFS = lufs - 0.1 }.reasons.isEmpty)
        #expect(try judge(speech) { $0.minLUFS = lufs + 0.1 }.codes == ["audio.too_quiet"])
        #expect(try judge(speech) { $0.maxLUFS = lufs }.reasons.isEmpty)
        #expect(try judge(speech) { $0.maxLUFS = lufs + 0.1 }.reasons.isEmpty)
        #expect(try judge(speech) { $0.maxLUFS = lufs - 0.1 }.codes == ["audio.too_loud"])
        #expect(try judge(speech) { $0.maxTruePeakDBTP = peak + 0.1 }.reasons.isEmpty)
        let over = try judge(speech) { $0.maxTruePeakDBTP = peak - 0.1 }
        #expect(over.codes == ["audio.too_loud"] && over.reasons.first?.message.hasPrefix("true peak") == true)
        #expect(try judge(speech) { $0.minLUFS = nil; $0.maxLUFS = nil }.reasons.isEmpty)
    }

    @Test func aWhisperIsTooQuietUnderTheDefaults() throws {
        // 25 dB down: about -45 LUFS, below the default -40, while its peak (-25 dBFS) and RMS
        // still pass their own checks.
        let whisper = try judge(try maker.sox("whisper.wav", [speech.path, "OUT", "gain", "-25"]))
        #expect(whisper.codes == ["audio.too_quiet"], "\(whisper.reasons.map(\.message))")
        #expect(whisper.reasons.first?.limit == .number(-40))
    }
}
