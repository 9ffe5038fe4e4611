import AssayCore
import AudioCheck
import Foundation
import Testing

/// Voice activity (`audio.speech_ratio_low`) on espeak-ng speech, a sox pluck melody (the music
/// here: there is no music corpus) and sox pink noise with one tone blip, and the limit at, just
/// inside and just outside the measured ratio.
@Suite struct SpeechRatioTests: SpeechSuite {
    let maker: SoundMaker
    let speech: URL

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech()
    }

    func ratio(_ finding: Finding) throws -> Double { try #require(finding.metrics["audio.speech_ratio"]) }

    @Test func speechAndMusicHoldSoundThroughout() throws {
        let spoken = try judge(speech)
        #expect(spoken.reasons.isEmpty, "\(spoken.reasons.map(\.message))")
        #expect(try ratio(spoken) > 0.9, "espeak-ng measured 0.96")
        for voice in ["en-us", "en+f3"] {
            let other = maker.folder.file("\(voice).wav")
            try Tools.run(["espeak-ng", "-v", voice, "-w", other.path, "The quick brown fox jumps over the lazy dog."])
            #expect(try ratio(try judge(other)) > 0.9, "\(voice)")
        }
        // The melody's quietest frames are decaying strings, not noise: they are above -40 dBFS.
        let music = try judge(try maker.melody())
        #expect(try ratio(music) > 0.9, "the pluck melody measured 1.0")
        #expect(!music.codes.contains("audio.speech_ratio_low"))
        // 25 dB quieter, its decays fall below the floor-relative threshold, but most still counts.
        let quiet = try judge(try maker.sox("quiet-melody.wav", [try maker.melody("m.wav").path, "OUT", "gain", "-25"]))
        #expect(try ratio(quiet) > 0.5, "measured 0.67")
    }

    @Test func backgroundNoiseWithOneBlipIsRejected() throws {
        let finding = try judge(try maker.noiseWithBlip())
        #expect(finding.codes == ["audio.speech_ratio_low"], "\(finding.reasons.map(\.message))")
        let value = try ratio(finding)
        // 50 ms of blip and 200 ms of hangover in 3 s.
        #expect(value > 0.05 && value < 0.15, "\(value)")
        #expect(finding.reasons.first?.limit == .number(0.2))
        // About 1.5 s of noise before the blip and 1.45 s after it.
        #expect(abs((finding.metrics["audio.speech_lead_s"] ?? 0) - 1.5) < 0.05)
        #expect(abs((finding.metrics["audio.speech_trail_s"] ?? 0) - 1.42) < 0.05)
        // Switched off, the file passes, and nothing is measured.
        let off = try judge(try maker.noiseWithBlip("b.wav")) { $0.minSpeechRatio = nil }
        #expect(off.reasons.isEmpty)
        #expect(off.metrics["audio.speech_ratio"] == nil)
    }

    /// Steady noise louder than -40 dBFS counts as sound (energy alone cannot tell it from a held
    /// chord); WADA-SNR rejects it instead.
    @Test func loudNoiseIsLeftToTheSNRCheck() throws {
        let finding = try judge(try maker.noiseWithBlip("loud.wav", volume: "0.3"))
        #expect(finding.codes == ["audio.snr_low"], "\(finding.reasons.map(\.message))")
        #expect(try ratio(finding) == 1)
    }

    @Test func leadingAndTrailingQuietAreMeasured() throws {
        let base = try judge(speech).metrics
        let padded = try judge(try maker.sox("padded.wav", [speech.path, "OUT", "pad", "1", "0.5"])).metrics
        #expect(abs((padded["audio.speech_lead_s"] ?? 0) - (base["audio.speech_lead_s"] ?? 0) - 1) < 0.021)
        #expect(abs((padded["audio.speech_trail_s"] ?? 0) - (base["audio.speech_trail_s"] ?? 0) - 0.5) < 0.021)
    }

    @Test func theLimitAtJustInsideAndJustOutside() throws {
        let blip = try maker.noiseWithBlip()
        let measured = try ratio(try judge(blip))
        #expect(try judge(blip) { $0.minSpeechRatio = measured }.reasons.isEmpty, "at the limit passes")
        #expect(try judge(blip) { $0.minSpeechRatio = measured - 0.01 }.reasons.isEmpty)
        let over = try judge(blip) { $0.minSpeechRatio = measured + 0.01 }
        #expect(over.codes == ["audio.speech_ratio_low"])
        #expect(over.reasons.first?.value == .number(measured))
        let spoken = try ratio(try judge(speech))
        #expect(try judge(speech) { $0.minSpeechRatio = spoken }.reasons.isEmpty)
        #expect(try judge(speech) { $0.minSpeechRatio = spoken + 0.01 }.codes == ["audio.speech_ratio_low"])
    }
}
