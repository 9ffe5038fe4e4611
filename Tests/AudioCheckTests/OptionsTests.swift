import AssayCore
import AudioCheck
import Foundation
import Testing

/// The `with:` block, read the way `assay.yml` is read.
@Suite struct OptionsTests {
    private let loader = ConfigLoader(registry: ValidatorRegistry([AudioCheckValidator.self]))

    private func stage(_ with: String) throws(ConfigError) -> Stage {
        let yaml = """
        version: 1
        pipeline:
          - use: audio-check
            with: \(with)
        modalities: {audio: {}}
        """
        let config = try loader.load(yaml: yaml, file: "assay.yml")
        guard let stage = config.pipeline.first else { throw ConfigError(file: "assay.yml", line: nil, column: nil, message: "no stage", suggestion: nil) }
        return stage
    }

    private func value(_ stage: Stage, _ key: String) -> OptionValue? {
        stage.options.first { $0.key == key }?.value
    }

    @Test func designExampleParses() throws {
        let stage = try stage("{ min_seconds: 1, max_seconds: 30, max_clipping: 0.001 }")
        #expect(value(stage, "max_seconds") == .duration(30))
        #expect(value(stage, "codecs") == .strings(["wav-pcm8", "wav-pcm16", "wav-pcm24", "wav-pcm32", "wav-float",
                                                    "flac", "ogg-vorbis", "ogg-opus", "mp3"]))
    }

    @Test func listsAndNullsParse() throws {
        let stage = try stage("{ sample_rates: [16000, 48000], min_snr_db: null, codecs: [flac, wav-pcm16], silence_window: 50ms }")
        #expect(value(stage, "sample_rates") == .strings(["16000", "48000"]))
        #expect(value(stage, "min_snr_db") == .null)
        #expect(value(stage, "silence_window") == .duration(0.05))
    }

    @Test func theNewChecksParseAndSwitchOff() throws {
        let defaults = try stage("{}")
        #expect(value(defaults, "min_speech_ratio") == .number(0.2))
        #expect(value(defaults, "min_bandwidth_ratio") == .number(0.6))
        #expect(value(defaults, "near_duplicates") == .boolean(true))
        #expect(value(defaults, "max_fingerprint_error") == .number(0.2))
        #expect(value(defaults, "min_bit_depth") == .null)
        let changed = try stage("{ min_speech_ratio: null, min_bandwidth_ratio: 0.5, near_duplicates: false, max_fingerprint_error: 0.3, min_bit_depth: 16 }")
        #expect(value(changed, "min_speech_ratio") == .null)
        #expect(value(changed, "min_bandwidth_ratio") == .number(0.5))
        #expect(value(changed, "near_duplicates") == .boolean(false))
        #expect(value(changed, "max_fingerprint_error") == .number(0.3))
        #expect(value(changed, "min_bit_depth") == .integer(16))
        #expect(value(try stage("{ min_bit_depth: null }"), "min_bit_depth") == .null)
        for wrong in ["{ min_bit_depth: 12 }", "{ min_bit_depth: 64 }", "{ min_speech_ratio: 1.5 }", "{ max_fingerprint_error: 0.7 }",
                      "{ min_bandwidth_ratio: -0.1 }"] {
            #expect(throws: ConfigError.self, "\(wrong)") { try stage(wrong) }
        }
    }

    @Test func mistakesAreLocatedErrors() {
        for (typo, meant) in [("flack", "flac"), ("wav-pcm-16", "wav-pcm16"), ("ogg-opsu", "ogg-opus")] {
            #expect(throws: ConfigError.self) { try stage("{ codecs: [flac, \(typo)] }") }
            do {
                _ = try stage("{ codecs: [flac, \(typo)] }")
            } catch {
                #expect(error.suggestion == meant, "\(error)")
                #expect(error.line == 4)
            }
        }
        #expect(throws: ConfigError.self) { try stage("{ sample_rates: [44100, 12] }") }
        #expect(throws: ConfigError.self) { try stage("{ min_seconds: 40 }") }
        #expect(throws: ConfigError.self) { try stage("{ max_clipping: 2 }") }
        #expect(throws: ConfigError.self) { try stage("{ max_clip: 0.1 }") }
    }

    @Test func reasonCodesAreDeclaredOnceWithMeaningAndHint() {
        let codes = AudioCheckValidator.reasonCodes
        #expect(Set(codes.map(\.code)).count == codes.count)
        for code in codes {
            #expect(code.code.hasPrefix("audio."))
            #expect(code.meaning.count > 20 && code.hint.count > 10, "\(code.code)")
        }
    }
}
