import AssayCore
import AudioCheck
import CSndFile
import Foundation
import Testing

/// Files made at test time with espeak-ng, sox and python3, judged with the shipped defaults
/// unless a test says otherwise.
@Suite struct GeneratedAudioTests {
    let maker: SoundMaker
    let speech: URL
    let validator: AudioCheckValidator

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech()
        validator = try Fixtures.validator()
    }

    private func judge(_ url: URL, with validator: AudioCheckValidator? = nil) throws -> Finding {
        try (validator ?? self.validator).analyze(try Fixtures.input(url))
    }

    // MARK: Accepted

    @Test func speechIsAccepted() throws {
        let finding = try judge(speech)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        // Same duration as sox measures.
        let soxSeconds = try #require(Double(try Tools.run(["soxi", "-D", speech.path]).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(abs((finding.metrics["audio.seconds"] ?? 0) - soxSeconds) < 0.001)
        #expect(finding.metrics["audio.sample_rate"] == 22050)
        #expect(finding.metrics["audio.channels"] == 1)
        for metric in ["audio.peak_dbfs", "audio.rms_dbfs", "audio.clipping", "audio.silence", "audio.lead_silence_s",
                       "audio.trail_silence_s", "audio.dc_offset", "audio.snr_db"] {
            #expect(finding.metrics[metric] != nil, "missing \(metric)")
        }
    }

    /// The same speech in every default codec is accepted, and a lossless copy measures the same.
    @Test func speechInEveryDefaultCodecIsAccepted() throws {
        let copies = [
            try maker.sox("speech.flac", [speech.path, "OUT"]),
            try maker.sox("speech24.wav", [speech.path, "-b", "24", "OUT"]),
            try maker.sox("speech8.wav", [speech.path, "-b", "8", "OUT"]),
            try maker.sox("speechf.wav", [speech.path, "-e", "floating-point", "-b", "32", "OUT"]),
            try maker.sox("speech.ogg", [speech.path, "OUT"]),
            try maker.encode(speech, as: "speech.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)),
            try maker.encode(try maker.sox("speech48.wav", [speech.path, "-r", "48000", "OUT"]), as: "speech.opus",
                             format: Int32(SF_FORMAT_OGG | SF_FORMAT_OPUS)),
        ]
        let original = try judge(speech)
        for url in copies {
            let finding = try judge(url)
            // Opus is always 48 kHz, so the 22.05 kHz speech went up to 48 kHz before encoding: it
            // holds nothing above 10.5 kHz of 24, which is what audio.upsampled is for.
            let expected = url.pathExtension == "opus" ? ["audio.upsampled"] : []
            #expect(finding.codes == expected, "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
            #expect(abs((finding.metrics["audio.seconds"] ?? 0) - (original.metrics["audio.seconds"] ?? 0)) < 0.001, "\(url.lastPathComponent)")
        }
        let flac = try judge(copies[0])
        #expect(flac.metrics["audio.rms_dbfs"] == original.metrics["audio.rms_dbfs"])
        #expect(flac.metrics["audio.snr_db"] == original.metrics["audio.snr_db"])
    }

    // MARK: Rejected for the sound

    /// An hour of FLAC in a few hundred kilobytes: decoding stops just past max_seconds, so the cost
    /// is that of 30 s of audio, not of an hour.
    @Test func aLongFileIsRejectedWithoutDecodingTheRest() throws {
        let long = try maker.sox("long.flac", ["-D", "-n", "-r", "8000", "-b", "16", "-c", "1", "OUT", "synth", "1:00:00", "sine", "0"])
        let finding = try judge(long)
        #expect(finding.codes == ["audio.too_long"])
        let reason = try #require(finding.reasons.first)
        #expect(reason.message.contains("decoding stopped at 30."))
        if case let .number(seconds)? = reason.value { #expect(seconds > 30 && seconds < 31) } else { Issue.record("no value") }
        // With a max_seconds past the file, the stage's CPU budget stops the decode instead.
        var input = try Fixtures.input(long)
        input.budget = StageBudget(seconds: 0.001)
        let patient = try Fixtures.validator { $0.maxSeconds = 100_000 }
        #expect(throws: StageFailure.self) { try patient.analyze(input) }
    }

    @Test func clippedSpeechIsRejected() throws {
        let clipped = try maker.sox("clipped.wav", [speech.path, "OUT", "gain", "20"])
        let finding = try judge(clipped)
        #expect(finding.codes.contains("audio.clipping"))
        let reason = try #require(finding.reasons.first { $0.code == "audio.clipping" })
        #expect(reason.limit == .number(0.001))
        if case let .number(value)? = reason.value { #expect(value > 0.05) } else { Issue.record("no value") }
    }

    @Test func silenceIsRejected() throws {
        // -D: no dither, so the file is exact digital zeros.
        let silent = try maker.sox("silent.wav", ["-D", "-n", "-r", "22050", "-c", "1", "-b", "16", "OUT", "trim", "0", "3"])
        let finding = try judge(silent)
        #expect(finding.codes.contains("audio.silence"))
        #expect(finding.metrics["audio.silence"] == 1)
        #expect(finding.metrics["audio.peak_dbfs"] == -200)
        #expect(finding.metrics["audio.lead_silence_s"] == 3)
        #expect(finding.metrics["audio.snr_db"] == nil, "WADA-SNR ignores exact zeros, so there is nothing to estimate")
    }

    @Test func dcShiftedSpeechIsRejected() throws {
        let shifted = try maker.sox("dc.wav", [speech.path, "OUT", "vol", "0.5", "dcshift", "0.2"])
        let finding = try judge(shifted)
        #expect(finding.codes.contains("audio.dc_offset"))
        #expect(abs((finding.metrics["audio.dc_offset"] ?? 0) - 0.2) < 0.01)
        #expect(try judge(speech).metrics["audio.dc_offset"] ?? 1 < 0.01)
    }

    @Test func noiseOnlyIsRejected() throws {
        let noise = try maker.sox("noise.wav", ["-n", "-r", "16000", "-b", "16", "OUT", "synth", "3", "whitenoise", "vol", "0.3"])
        let finding = try judge(noise)
        #expect(finding.codes == ["audio.snr_low"], "\(finding.reasons.map(\.message))")
    }

    @Test func tooShortAndTooLongAreRejected() throws {
        let short = try maker.sox("short.wav", [speech.path, "OUT", "trim", "0", "0.5"])
        #expect(try judge(short).codes == ["audio.too_short"])
        let long = try maker.sox("long.wav", [speech.path, "OUT", "repeat", "7"])
        let finding = try judge(long)
        #expect(finding.codes == ["audio.too_long"])
        #expect(finding.reasons.first?.limit == .number(30))
    }

    // MARK: Rejected for the file

    /// libsndfile opens a WAV cut to a third with no error and shrinks the frame count to what is
    /// left, so frames read equal frames "declared"; only its header log says "should be".
    @Test func wavCutToAThirdIsTruncated() throws {
        let cut = try maker.cut(speech, to: 1.0 / 3, name: "cut.wav")
        let finding = try judge(cut)
        #expect(finding.codes == ["audio.truncated"], "\(finding.reasons.map(\.message))")
        #expect(finding.metrics["audio.frames"] == finding.metrics["audio.frames_declared"], "libsndfile alone sees nothing wrong")
        #expect(finding.fingerprint == nil)
    }

    @Test func flacOggAndMP3CutToAThirdAreTruncated() throws {
        let flac = try maker.cut(try maker.sox("s.flac", [speech.path, "OUT"]), to: 1.0 / 3, name: "cut.flac")
        #expect(Set(try judge(flac).codes) == ["audio.decode", "audio.truncated"])
        let ogg = try maker.cut(try maker.sox("s.ogg", [speech.path, "OUT"]), to: 1.0 / 3, name: "cut.ogg")
        #expect(try judge(ogg).codes == ["audio.truncated"])
        let mp3 = try maker.cut(try maker.encode(speech, as: "s.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)),
                                to: 1.0 / 3, name: "cut.mp3")
        #expect(try judge(mp3).codes == ["audio.truncated"])
    }

    @Test func junkAfterTheAudioIsTrailingData() throws {
        let padded = try maker.appendJunk(speech, count: 100_000, name: "junk.wav")
        let finding = try judge(padded)
        #expect(finding.codes == ["audio.trailing_data"], "\(finding.reasons.map(\.message))")
        // A few bytes (a pad byte, a small tag) are within max_trailing_bytes.
        #expect(try judge(try maker.appendJunk(speech, count: 100, name: "tag.wav")).reasons.isEmpty)
    }

    @Test func codecsOffTheAllowListAreRefusedBeforeDecoding() throws {
        let adpcm = try maker.sox("adpcm.wav", [speech.path, "-e", "ima-adpcm", "OUT"])
        let finding = try judge(adpcm)
        #expect(finding.codes == ["audio.codec"])
        #expect(finding.reasons.first?.value == .text("wav-ima-adpcm"))
        #expect(finding.metrics["audio.frames"] == nil, "no sample was decoded")

        let ulaw = try maker.sox("ulaw.wav", [speech.path, "-e", "u-law", "OUT"])
        #expect(try judge(ulaw).codes == ["audio.codec"])
        let allowing = try Fixtures.validator { $0.codecs.append("wav-ulaw") }
        #expect(try judge(ulaw, with: allowing).reasons.isEmpty)

        let mp3 = try maker.encode(speech, as: "speech.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
        let noMP3 = try Fixtures.validator { $0.codecs.removeAll { $0 == "mp3" } }
        #expect(try judge(mp3, with: noMP3).codes == ["audio.codec"])
    }

    @Test func nonFiniteSamplesAreRejected() throws {
        let samples = "[0.5 * math.sin(i / 10) for i in range(22050)]; samples[100] = float('nan'); samples[200] = float('inf')"
        let url = try maker.pythonWAV("nan.wav", tag: 3, channels: 1, rate: 22050, bits: 32, samples: samples)
        let finding = try judge(url)
        #expect(finding.codes == ["audio.non_finite"])
        #expect(finding.reasons.first?.value == .number(2))
    }

    @Test func brokenShapesHaveTheirOwnCodes() throws {
        let tone = "[int(8000 * math.sin(i / 10)) for i in range(44100)]"
        let slow = try maker.pythonWAV("rate100.wav", tag: 1, channels: 1, rate: 100, bits: 16, samples: tone)
        #expect(try judge(slow).codes == ["audio.sample_rate_implausible"])
        let noChannels = try maker.pythonWAV("chan0.wav", tag: 1, channels: 0, rate: 22050, bits: 16, samples: tone)
        #expect(try judge(noChannels).codes == ["audio.no_channels"])
        let crowd = try maker.pythonWAV("chan2000.wav", tag: 1, channels: 2000, rate: 22050, bits: 16, samples: "[0] * 4000")
        #expect(try judge(crowd).codes == ["audio.channels"])
        let empty = try maker.pythonWAV("empty.wav", tag: 1, channels: 1, rate: 22050, bits: 16, samples: "[]")
        #expect(try judge(empty).codes == ["audio.empty"])

        let three = try maker.sox("three.wav", ["-M", speech.path, speech.path, speech.path, "OUT"])
        let finding = try judge(three)
        #expect(finding.codes == ["audio.channels"])
        #expect(finding.reasons.first?.value == .number(3))
        #expect(finding.reasons.first?.limit == .number(2))

        // The 22.05 kHz speech resampled to 37.8 kHz is also genuinely upsampled (10.5 of 18.9 kHz).
        let odd = try maker.sox("odd.wav", [speech.path, "-r", "37800", "OUT"])
        #expect(try judge(odd).codes == ["audio.sample_rate", "audio.upsampled"])
        #expect(try judge(odd, with: try Fixtures.validator { $0.sampleRates = [] }).codes == ["audio.upsampled"])
        #expect(try judge(odd, with: try Fixtures.validator { $0.sampleRates = []; $0.minBandwidthRatio = nil }).reasons.isEmpty)
    }

    // MARK: Duplicates

    @Test func aWAVAndItsFLACCopyAreDuplicates() throws {
        let flac = try maker.sox("copy.flac", [speech.path, "OUT"])
        let float = try maker.sox("copy-float.wav", [speech.path, "-e", "floating-point", "-b", "32", "OUT"])
        let other = try maker.speech("other.wav", text: "A different sentence, spoken by the same synthetic voice, for a while.")
        let ogg = try maker.sox("copy.ogg", [speech.path, "OUT"])
        let index = DuplicateIndex(stage: AudioCheckValidator.name)

        let first = try Fixtures.input(speech, path: "alice/audio/speech.wav")
        let firstFinding = try validator.analyze(first)
        let firstJudgement = Fixtures.judgement(first, firstFinding)
        #expect(validator.decide(firstFinding, of: firstJudgement, index: index).reasons.isEmpty)
        index.admit(firstJudgement, fingerprint: try #require(firstFinding.fingerprint))
        #expect(index.count == 1)

        for (url, path) in [(flac, "bob/audio/copy.flac"), (float, "bob/audio/copy-float.wav")] {
            let input = try Fixtures.input(url, path: path)
            let finding = try validator.analyze(input)
            #expect(finding.reasons.isEmpty)
            let decision = validator.decide(finding, of: Fixtures.judgement(input, finding), index: index)
            #expect(decision.reasons.map(\.code) == ["audio.dup_exact"], "\(path)")
            #expect(decision.duplicateOf?.path == "alice/audio/speech.wav")
        }

        // Other speech is no duplicate; a lossy copy (its samples differ) is not an exact one but a
        // near one, by its Chromaprint fingerprint (NearDuplicateTests).
        for (url, path, codes) in [(other, "bob/audio/other.wav", [String]()), (ogg, "bob/audio/copy.ogg", ["audio.dup_near"])] {
            let input = try Fixtures.input(url, path: path)
            let finding = try validator.analyze(input)
            #expect(validator.decide(finding, of: Fixtures.judgement(input, finding), index: index).reasons.map(\.code) == codes, "\(path)")
        }

        // Switched off, nothing is a duplicate and nothing is indexed.
        let lenient = try Fixtures.validator { $0.duplicates = false; $0.nearDuplicates = false }
        let input = try Fixtures.input(flac, path: "carol/audio/copy.flac")
        let finding = try lenient.analyze(input)
        #expect(lenient.decide(finding, of: Fixtures.judgement(input, finding), index: index).reasons.isEmpty)
        #expect(finding.fingerprint == nil)
    }

    @Test func filesThatDoNotDecodeWholeCarryNoFingerprint() throws {
        let cut = try Fixtures.input(try maker.cut(speech, to: 1.0 / 3, name: "cut.wav"))
        let finding = try validator.analyze(cut)
        #expect(finding.codes.contains("audio.truncated"))
        #expect(finding.fingerprint == nil, "the decider indexes only fingerprints, so a truncated file is never a duplicate source")
    }
}
