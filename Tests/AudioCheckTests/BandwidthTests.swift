import AssayCore
import AudioCheck
import Foundation
import Testing

/// Fake bandwidth (`audio.upsampled`): espeak-ng speech taken down to 8 or 16 kHz and back up to
/// 44.1 or 48 kHz with sox, against genuinely wideband 44.1 kHz sound from sox (pink noise, a
/// sawtooth chord with a square bass, the pluck melody).
@Suite struct BandwidthTests: SpeechSuite {
    let maker: SoundMaker
    let speech: URL

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech()
    }

    /// `speech` down to `low` Hz, then up to `high` Hz.
    func upsampled(from low: Int, to high: Int) throws -> URL {
        let down = try maker.sox("low\(low).wav", [speech.path, "-r", String(low), "OUT"])
        return try maker.sox("up\(low)-\(high).wav", [down.path, "-r", String(high), "OUT"])
    }

    @Test(arguments: [(8000, 44100, 3600.0...4000.0), (16000, 48000, 7400.0...8000.0), (16000, 44100, 7400.0...8000.0),
                      (22050, 44100, 10000.0...11025.0)])
    func speechResampledUpIsFlaggedWithItsRealBandwidth(low: Int, high: Int, expected: ClosedRange<Double>) throws {
        let finding = try judge(try upsampled(from: low, to: high))
        #expect(finding.codes == ["audio.upsampled"], "\(low) → \(high): \(finding.reasons.map(\.message))")
        let reason = try #require(finding.reasons.first)
        guard case let .number(bandwidth)? = reason.value else { Issue.record("no value"); return }
        #expect(expected.contains(bandwidth), "\(low) → \(high): \(bandwidth) Hz")
        #expect(finding.metrics["audio.bandwidth_hz"] == bandwidth)
        #expect(reason.limit == .number(0.6 * Double(high) / 2))
    }

    /// Only frames louder than -60 dBFS count: 3 s of quiet in front (dither's flat spectrum, if
    /// any, would read as full band) do not hide the missing band.
    @Test func quietStretchesDoNotHideTheMissingBand() throws {
        let padded = try maker.sox("padded.wav", [try upsampled(from: 8000, to: 44100).path, "OUT", "pad", "3", "0"])
        let finding = try judge(padded) { $0.maxSilence = nil; $0.minSpeechRatio = nil }
        #expect(finding.codes == ["audio.upsampled"], "\(finding.reasons.map(\.message))")
        #expect((3600.0...4000.0).contains(finding.metrics["audio.bandwidth_hz"] ?? 0))
    }

    @Test func genuineWidebandSoundIsNotFlagged() throws {
        let pink = try maker.sox("pink.wav", ["-R", "-n", "-r", "44100", "-b", "16", "OUT", "synth", "3", "pinknoise", "vol", "0.3"])
        let chord = try maker.sox("chord.wav", ["-n", "-r", "44100", "-b", "16", "OUT", "synth", "3", "sawtooth", "C4", "sawtooth", "E4",
                                                "sawtooth", "G4", "square", "C2", "remix", "-", "vol", "0.3"])
        let melody = try maker.melody()
        let melody48 = try maker.melody("melody48.wav", rate: 48000)
        for url in [pink, chord, melody, melody48] {
            let finding = try judge(url)
            #expect(!finding.codes.contains("audio.upsampled"), "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
            let bandwidth = try #require(finding.metrics["audio.bandwidth_hz"])
            let rate = try #require(finding.metrics["audio.sample_rate"])
            #expect(bandwidth > 0.85 * rate / 2, "\(url.lastPathComponent): \(bandwidth) Hz")
        }
    }

    /// Lossy codecs cut the top of the spectrum but keep well above the limit: LAME at 64 kbit/s
    /// keeps about 16.5 kHz of pink noise at 44.1 kHz (0.75 of Nyquist).
    @Test func anMP3OfWidebandSoundIsNotFlagged() throws {
        let pink = try maker.sox("pink.wav", ["-R", "-n", "-r", "44100", "-b", "16", "OUT", "synth", "3", "pinknoise", "vol", "0.3"])
        let mp3 = try maker.sox("pink.mp3", [pink.path, "-C", "64", "OUT"])
        let finding = try judge(mp3) { $0.minSNRDB = nil }
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        #expect((finding.metrics["audio.bandwidth_hz"] ?? 0) > 0.7 * 22050)
    }

    @Test func belowThirtyTwoKilohertzNothingIsMeasured() throws {
        for url in [speech, try maker.sox("s16.wav", [speech.path, "-r", "16000", "OUT"])] {
            let finding = try judge(url)
            #expect(finding.reasons.isEmpty)
            #expect(finding.metrics["audio.bandwidth_hz"] == nil)
        }
        // Switched off, nothing is measured at 44.1 kHz either.
        let off = try judge(try upsampled(from: 8000, to: 44100)) { $0.minBandwidthRatio = nil }
        #expect(off.reasons.isEmpty)
        #expect(off.metrics["audio.bandwidth_hz"] == nil)
    }

    @Test func theLimitAtJustInsideAndJustOutside() throws {
        let up = try upsampled(from: 16000, to: 48000)
        let bandwidth = try #require(try judge(up).metrics["audio.bandwidth_hz"])
        let ratio = bandwidth / 24000
        #expect(try judge(up) { $0.minBandwidthRatio = ratio }.reasons.isEmpty, "at the limit passes")
        #expect(try judge(up) { $0.minBandwidthRatio = ratio - 0.001 }.reasons.isEmpty)
        #expect(try judge(up) { $0.minBandwidthRatio = ratio + 0.001 }.codes == ["audio.upsampled"])
    }

    /// Five of the seven IETF FLAC test vectors at 44.1 kHz, and faulty-02, hold nothing above
    /// 11.3 kHz: they are 22.05 kHz material resampled up (subset-23 and subset-61 are full band).
    @Test(arguments: ["flac-valid/subset-38", "flac-valid/subset-39", "flac-valid/subset-40", "flac-valid/subset-60",
                      "flac-valid/subset-64", "flac-faulty/faulty-02"])
    func flacTestVectorsFromHalfRateMaterialAreFlagged(name: String) throws {
        let finding = try judge(Fixtures.corpus("\(name).flac")) {
            $0.maxChannels = 8
            $0.maxSilence = nil
            $0.minSpeechRatio = nil
        }
        #expect(finding.codes == ["audio.upsampled"], "\(name): \(finding.reasons.map(\.message))")
        let bandwidth = try #require(finding.metrics["audio.bandwidth_hz"])
        #expect((9_500.0...11_400.0).contains(bandwidth), "\(name): \(bandwidth) Hz")
    }
}
