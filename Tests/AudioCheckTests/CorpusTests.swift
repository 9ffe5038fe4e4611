import AssayCore
import AudioCheck
import Foundation
import Testing

/// The shared corpora, file by file: IETF CELLAR FLAC test bench (valid and faulty) and hound's
/// WAV layouts and fuzz crashers.
@Suite struct CorpusTests {
    /// Codes that mean the file did not decode whole.
    static let integrityCodes: Set<String> = [
        "audio.header", "audio.codec", "audio.decode", "audio.truncated", "audio.trailing_data",
        "audio.flac_metadata", "audio.non_finite", "audio.empty", "audio.no_channels",
    ]

    /// flac-valid are decoder test vectors, not speech recordings, so three options are relaxed:
    /// `max_channels: 8` because subset-38/39/40 have 3, 4 and 5 channels (the point of those
    /// vectors), `max_silence: null` because subset-60 is 77 % digital silence around a short
    /// signal, and `min_bandwidth_ratio: null` because subset-38/39/40/60/64 are 22.05 kHz
    /// material stored at 44.1 kHz (nothing above 11.3 kHz: audio.upsampled, as BandwidthTests
    /// shows). Every other check, including WADA-SNR, voice activity, duration and levels, stays at
    /// its default.
    static func vectorValidator() throws -> AudioCheckValidator {
        try Fixtures.validator {
            $0.maxChannels = 8
            $0.maxSilence = nil
            $0.minBandwidthRatio = nil
        }
    }

    @Test(arguments: ["subset-23", "subset-38", "subset-39", "subset-40", "subset-60", "subset-61", "subset-64"])
    func flacValidIsAccepted(name: String) throws {
        let validator = try Self.vectorValidator()
        let finding = try validator.analyze(try Fixtures.input(Fixtures.corpus("flac-valid/\(name).flac")))
        #expect(finding.reasons.isEmpty, "\(name): \(finding.reasons.map(\.message))")
        #expect(finding.metrics["audio.frames"] == finding.metrics["audio.frames_declared"])
        #expect(finding.metrics["audio.unread_bytes"] == 0)
        #expect(finding.fingerprint != nil, "an accepted file carries its fingerprint for decide")
    }

    /// One faulty FLAC and what should happen to it.
    struct FaultyCase: Sendable, CustomTestStringConvertible {
        let file: String
        /// The exact set of codes Assay gives; empty means accepted.
        let codes: Set<String>
        /// What libsndfile reports, and what Assay adds.
        let note: String
        var testDescription: String { file }
    }

    /// README.txt of flac-faulty describes each fault. Options as for flac-valid (max_channels 8
    /// so that file 04's five declared channels reach the decoder instead of being refused first;
    /// faulty-02 is 22.05 kHz material at 44.1 kHz like most of flac-valid, see BandwidthTests).
    static let faulty: [FaultyCase] = [
        FaultyCase(file: "faulty-01", codes: [],
                   note: """
                   STREAMINFO says max blocksize 4096, frames use 16384. libsndfile (libFLAC) decodes every one \
                   of the 101999 declared frames without error and reads every byte. Accepted: the fault is a \
                   buffer-size hint that libFLAC does not trust; the decoded audio is complete and correct. \
                   Seeing it would mean parsing every frame header, which Assay leaves to the decoder.
                   """),
        FaultyCase(file: "faulty-02", codes: [],
                   note: """
                   STREAMINFO says max framesize 654 bytes, frames reach 8846. libsndfile decodes all 195891 \
                   frames, no error, every byte read. Accepted, for the same reason as 01: a hint, not audio.
                   """),
        FaultyCase(file: "faulty-03", codes: [],
                   note: """
                   STREAMINFO says 24 bits per sample, frames carry 16. libsndfile reports PCM_24 and decodes \
                   all 89903 frames with no error; it scales each frame by the frame header's own bit depth, \
                   so the levels come out right (peak -0.3 dBFS, not 48 dB too quiet). Accepted: the audio \
                   the dataset would get is correct.
                   """),
        FaultyCase(file: "faulty-04", codes: ["audio.decode", "audio.truncated"],
                   note: """
                   STREAMINFO says 5 channels, frames are mono. libsndfile opens it as 5 channels and the \
                   first read fails: "flac channel changed mid stream". Assay gives audio.decode with that \
                   message and adds audio.truncated (0 of 97391 declared frames). With the default \
                   max_channels 2 the file is refused before decoding, as audio.channels.
                   """),
        FaultyCase(file: "faulty-05", codes: ["audio.trailing_data"],
                   note: """
                   STREAMINFO says 39842 samples, the stream holds 109487. libsndfile silently stops at the \
                   declared 39842 frames: no error, and frames read equal frames declared. Assay adds \
                   audio.trailing_data: after the last frame, 66123 of 107083 bytes were never read by the \
                   decoder (the virtual IO records the furthest byte read).
                   """),
        FaultyCase(file: "faulty-06", codes: ["audio.header"],
                   note: """
                   No STREAMINFO block at all. libsndfile refuses to open it: "File contains data in an \
                   unimplemented format." Assay reports that message as audio.header.
                   """),
        FaultyCase(file: "faulty-07", codes: ["audio.flac_metadata"],
                   note: """
                   STREAMINFO is the third metadata block, not the first. libsndfile (libFLAC) finds it anyway \
                   and decodes all 106031 frames with no error. Assay's metadata walk adds audio.flac_metadata \
                   (first block is type 4, a Vorbis comment): decoders that expect STREAMINFO first fail.
                   """),
        FaultyCase(file: "faulty-08", codes: ["audio.flac_metadata", "audio.decode", "audio.truncated"],
                   note: """
                   Blocksize 65536, which STREAMINFO cannot represent (it holds 0). libsndfile opens it and \
                   the first read fails with "Unspecified internal error." (audio.decode); Assay adds \
                   audio.truncated (0 of 202347 frames) and audio.flac_metadata (STREAMINFO block sizes 0).
                   """),
        FaultyCase(file: "faulty-09", codes: ["audio.flac_metadata"],
                   note: """
                   Blocksize 1, allowed only for the last frame. libsndfile decodes all 41519 frames with no \
                   error. Assay's metadata walk sees STREAMINFO declare block sizes 1...1, below the format's \
                   minimum of 16, and gives audio.flac_metadata.
                   """),
        FaultyCase(file: "faulty-10", codes: ["audio.flac_metadata"],
                   note: """
                   The Vorbis comment block says it holds 0x10 comments but holds one. libsndfile does not \
                   read the comments and decodes all 119279 frames with no error. Assay walks the block and \
                   gives audio.flac_metadata (comment 2 overruns the block), the overread the README warns of.
                   """),
        FaultyCase(file: "faulty-11", codes: ["audio.header"],
                   note: """
                   A metadata block length is wrong, so a parser reads garbage as the next block. libsndfile \
                   refuses to open it: "Error : unknown error in flac decoder." Assay reports audio.header.
                   """),
    ]

    @Test(arguments: CorpusTests.faulty)
    func flacFaultyIsJudgedAsTheREADMEPredicts(_ faulty: FaultyCase) throws {
        let validator = try Self.vectorValidator()
        let finding = try validator.analyze(try Fixtures.input(Fixtures.corpus("flac-faulty/\(faulty.file).flac")))
        #expect(Set(finding.codes) == faulty.codes, "\(faulty.file): \(finding.reasons.map(\.message)) — \(faulty.note)")
        if !faulty.codes.isEmpty {
            #expect(finding.fingerprint == nil, "a file that did not decode whole is never indexed as a duplicate source")
        }
    }

    @Test func flacFaulty04WithDefaultsIsRefusedBeforeDecoding() throws {
        let finding = try Fixtures.validator().analyze(try Fixtures.input(Fixtures.corpus("flac-faulty/faulty-04.flac")))
        #expect(finding.codes == ["audio.channels"])
        #expect(finding.metrics["audio.frames"] == nil, "no sample was decoded")
    }

    @Test func flacFaultyMessagesQuoteLibsndfile() throws {
        let validator = try Fixtures.validator { $0.maxChannels = 8 }
        let expected = [
            "faulty-04": "flac channel changed mid stream",
            "faulty-06": "File contains data in an unimplemented format.",
            "faulty-08": "Unspecified internal error.",
            "faulty-11": "unknown error in flac decoder.",
        ]
        for (file, text) in expected {
            let finding = try validator.analyze(try Fixtures.input(Fixtures.corpus("flac-faulty/\(file).flac")))
            #expect(finding.reasons.contains { $0.message.contains(text) }, "\(file): \(finding.reasons.map(\.message))")
        }
    }

    /// hound's files are one to a hundred frames of test patterns, so the length and level checks
    /// are off (voice activity, over 20 ms frames, finds no whole frame in most of them and so
    /// judges nothing): this is about the header layouts decoding whole.
    static func layoutValidator() throws -> AudioCheckValidator {
        try Fixtures.validator {
            $0.minSeconds = 0
            $0.sampleRates = []
            $0.minPeakDBFS = nil
            $0.minRMSDBFS = nil
            $0.maxRMSDBFS = nil
            $0.maxClipping = nil
            $0.maxSilence = nil
            $0.maxDCOffset = nil
            $0.minSNRDB = nil
        }
    }

    @Test func everyWavHoundLayoutDecodes() throws {
        let files = try Fixtures.corpusFiles("wav-hound", ext: "wav")
        #expect(files.count == 16, "14 layouts and 2 non-standard files")
        let validator = try Self.layoutValidator()
        for url in files {
            let finding = try validator.analyze(try Fixtures.input(url))
            #expect(finding.reasons.isEmpty, "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
            let frames = try #require(finding.metrics["audio.frames"], "\(url.lastPathComponent) was not decoded")
            #expect(frames > 0)
            #expect(frames == finding.metrics["audio.frames_declared"], "\(url.lastPathComponent)")
        }
    }

    /// hound's 16-bit files hold the samples 2, -3, 5, -7 (its own tests assert them): the peak is
    /// 7/32768 and the mean -0.75/32768, whichever header layout carries them.
    @Test(arguments: ["pcmwaveformat-16bit-44100Hz-mono", "pcmwaveformat-16bit-44100Hz-mono-extra",
                      "waveformatex-16bit-44100Hz-mono", "waveformatex-16bit-44100Hz-mono-extra"])
    func houndSixteenBitSamplesComeOutExactly(name: String) throws {
        let finding = try Self.layoutValidator().analyze(try Fixtures.input(Fixtures.corpus("wav-hound/\(name).wav")))
        let peak = try #require(finding.metrics["audio.peak_dbfs"])
        #expect(abs(peak - 20 * log10(7.0 / 32768)) < 1e-6)
        let dc = try #require(finding.metrics["audio.dc_offset"])
        #expect(abs(dc - 0.75 / 32768) < 1e-9)
        #expect(finding.metrics["audio.frames"] == 4)
    }

    /// hound's 8-bit file declares a RIFF size of 16478 in a 50-byte file while its data chunk is
    /// whole: libsndfile logs "RIFF : 16478 (should be 42)". No audio is lost, so it is counted in
    /// audio.header_mismatches and not rejected; a short data chunk is (see GeneratedAudioTests).
    @Test func containerSizeMismatchWithWholeDataIsCountedNotRejected() throws {
        let finding = try Self.layoutValidator().analyze(try Fixtures.input(Fixtures.corpus("wav-hound/waveformatex-8bit-11025Hz-mono.wav")))
        #expect(finding.reasons.isEmpty)
        #expect(finding.metrics["audio.header_mismatches"] == 1)
    }

    /// Every fuzz crasher gets a verdict (a finding with a reason), and no crash. libsndfile refuses
    /// each at open; the messages are its own.
    @Test func everyWavHoundFuzzFileGetsAVerdict() throws {
        let files = try Fixtures.corpusFiles("wav-hound/fuzz", ext: "wav")
        #expect(files.count == 6)
        let expected = [
            "crash-24728523ef4be15c838293b676f6853e73723bf4.wav": "Malformed 'fmt ' chunk.",
            "crash-b8447179832529c48f9c6bf17feab6337bbc78ea.wav": "Short 'fmt ' chunk.",
            "crash-cbd757427cea12bd8a21f86cd8cf74d98ce56bee.wav": "Malformed 'fmt ' chunk.",
            "crash-e5471f5b58397287b509db7d026e95f1724454f5.wav": "Unspecified internal error.",
            "crash-e879de4eb4d206c59e21f0e01def16457af80fdc.wav": "No 'data' chunk marker.",
            "oom-48ae4cd061ff8578ad3f23dc87624bd365cf5216.wav": "No 'data' chunk marker.",
        ]
        let validator = try Fixtures.validator()
        for url in files {
            let finding = try validator.analyze(try Fixtures.input(url))
            #expect(finding.codes == ["audio.header"], "\(url.lastPathComponent)")
            let text = try #require(expected[url.lastPathComponent])
            #expect(finding.reasons.first?.message.hasSuffix(text) == true, "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
        }
    }
}
