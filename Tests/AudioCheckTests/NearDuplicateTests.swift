import AssayCore
import AudioCheck
import Foundation
import Testing

/// Near duplicates by Chromaprint fingerprint (`audio.dup_near`): re-encodes of an admitted WAV
/// (LAME MP3, Ogg Vorbis, FLAC) and a copy with 0.5 s of silence added match it; the same
/// sentence by other espeak-ng voices, and other sentences, do not.
@Suite struct NearDuplicateTests {
    let maker: SoundMaker
    let speech: URL
    let sentence = "The quick brown fox jumps over the lazy dog. This is a test of the audio check."

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech(text: sentence)
    }

    /// An index holding `original` (admitted as alice's), and the validator that admitted it.
    func admitted(_ original: URL, _ validator: AudioCheckValidator) throws -> DuplicateIndex {
        let index = DuplicateIndex(stage: AudioCheckValidator.name)
        let input = try Fixtures.input(original, path: "alice/audio/\(original.lastPathComponent)")
        let finding = try validator.analyze(input)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        index.admit(Fixtures.judgement(input, finding), fingerprint: try #require(finding.fingerprint))
        return index
    }

    /// What `decide` says of `url` against `index`, after the file itself passed analysis.
    func decide(_ url: URL, _ index: DuplicateIndex, _ validator: AudioCheckValidator) throws -> Decision {
        let input = try Fixtures.input(url, path: "bob/audio/\(url.lastPathComponent)")
        let finding = try validator.analyze(input)
        #expect(finding.reasons.isEmpty, "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
        return validator.decide(finding, of: Fixtures.judgement(input, finding), index: index)
    }

    func errorRate(_ decision: Decision) -> Double? {
        if case let .number(value)? = decision.reasons.first?.value { return value }
        return nil
    }

    func voice(_ name: String, _ voice: String) throws -> URL {
        let url = maker.folder.file(name)
        try Tools.run(["espeak-ng", "-v", voice, "-w", url.path, sentence])
        return url
    }

    @Test func reEncodesAndAPaddedCopyAreNearDuplicates() throws {
        let validator = try Fixtures.validator()
        let index = try admitted(speech, validator)
        let copies = [
            (try maker.sox("copy.mp3", [speech.path, "OUT"]), 0.15),  // sox writes MP3 with LAME
            (try maker.sox("copy-32k.mp3", [speech.path, "-C", "32", "OUT"]), 0.15),
            (try maker.sox("copy.ogg", [speech.path, "OUT"]), 0.1),
            (try maker.sox("copy-q0.ogg", [speech.path, "-C", "0", "OUT"]), 0.1),
            (try maker.sox("padded.wav", [speech.path, "OUT", "pad", "0.5", "0"]), 0.05),
            (try maker.sox("padded.flac", [speech.path, "OUT", "pad", "0.5", "0"]), 0.05),
            (try maker.sox("quieter.wav", [speech.path, "OUT", "gain", "-6"]), 0.05),
        ]
        for (url, most) in copies {
            let decision = try decide(url, index, validator)
            #expect(decision.reasons.map(\.code) == ["audio.dup_near"], "\(url.lastPathComponent)")
            #expect(decision.duplicateOf?.path == "alice/audio/speech.wav")
            let rate = try #require(errorRate(decision), "\(url.lastPathComponent)")
            #expect(rate <= most, "\(url.lastPathComponent): \(rate)")
            #expect(decision.metrics["audio.dup_fingerprint_error"] == rate)
        }
        // 0.5 s is about 4 items: the match is found shifted, and says so.
        let padded = try decide(try maker.sox("pad2.wav", [speech.path, "OUT", "pad", "0.5", "0"]), index, validator)
        #expect(padded.reasons.first?.message.contains("shifted +0.5 s") == true, "\(padded.reasons.map(\.message))")
    }

    @Test func aFLACCopyIsExactAndWithTheExactCheckOffNear() throws {
        let flac = try maker.sox("copy.flac", [speech.path, "OUT"])
        let validator = try Fixtures.validator()
        #expect(try decide(flac, try admitted(speech, validator), validator).reasons.map(\.code) == ["audio.dup_exact"])
        let nearOnly = try Fixtures.validator { $0.duplicates = false }
        let decision = try decide(flac, try admitted(speech, nearOnly), nearOnly)
        #expect(decision.reasons.map(\.code) == ["audio.dup_near"])
        #expect(errorRate(decision) == 0)
    }

    @Test func otherVoicesAndOtherWordsAreNot() throws {
        // WADA-SNR reads music low (see audio.snr_low), and the melody is one of the others.
        let validator = try Fixtures.validator { $0.minSNRDB = nil }
        let index = try admitted(speech, validator)
        let others = [try voice("us.wav", "en-us"), try voice("f3.wav", "en+f3"), try voice("us-m3.wav", "en-us+m3"),
                      try maker.speech("other.wav", text: "A different sentence, spoken by the same synthetic voice, for a while."),
                      try maker.melody()]
        for url in others {
            let decision = try decide(url, index, validator)
            #expect(decision.reasons.isEmpty, "\(url.lastPathComponent): \(decision.reasons.map(\.message))")
        }
    }

    @Test func theLimitAtJustInsideAndJustOutside() throws {
        let mp3 = try maker.sox("copy.mp3", [speech.path, "OUT"])
        let measured = try #require(errorRate(try decide(mp3, try admitted(speech, try Fixtures.validator()), try Fixtures.validator())))
        #expect(measured > 0, "a lossy copy differs in some bits")
        for (limit, matches) in [(measured, true), (measured + 0.001, true), (measured - 0.001, false)] {
            let validator = try Fixtures.validator { $0.maxFingerprintError = limit }
            let decision = try decide(mp3, try admitted(speech, validator), validator)
            #expect(decision.reasons.map(\.code) == (matches ? ["audio.dup_near"] : []), "limit \(limit)")
        }
        let off = try Fixtures.validator { $0.nearDuplicates = false }
        #expect(try decide(mp3, try admitted(speech, off), off).reasons.isEmpty)
    }

    /// Under about 3.6 s Chromaprint gives fewer than 8 items: no near-duplicate check, and no keys.
    @Test func shortClipsAreNotCompared() throws {
        let short = try maker.sox("short.wav", [speech.path, "OUT", "trim", "0", "3"])
        let validator = try Fixtures.validator()
        let index = try admitted(short, validator)
        #expect(try decide(try maker.sox("short.mp3", [short.path, "OUT"]), index, validator).reasons.isEmpty)
    }

    @Test func theFingerprintSurvivesTheLedger() throws {
        let finding = try Fixtures.validator().analyze(try Fixtures.input(speech))
        let print = try #require(finding.fingerprint as? AudioFingerprint)
        let encoded = print.encoded
        #expect(encoded.first == 2, "version 2")
        #expect(encoded.count > 33 && (encoded.count - 33) % 4 == 0)
        #expect(AudioFingerprint(encoded: encoded) == print)
        #expect(AudioFingerprint(encoded: Array(encoded.prefix(36))) == nil, "a cut item is not read")
        // Version 1 (the bare digest) still reads, with its exact key.
        let legacy = try #require(AudioFingerprint(encoded: Array(encoded[1..<33])))
        #expect(legacy.isExactCopy(of: print) && legacy.exactKey == print.exactKey)
        #expect(legacy.indexKeys.count == 1)
        #expect(print.indexKeys.count > 1, "near-copy keys besides the exact one")
    }
}
