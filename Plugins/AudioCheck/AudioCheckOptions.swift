import AssayKit

/// The `with:` block of `audio-check`. Every level check is a number that `null` switches off.
public struct AudioCheckOptions: ValidatorOptions {
    /// Allowed `container-codec` names (see ``AudioCodec``).
    public var codecs: [String] = AudioCodec.defaults
    /// Shortest accepted duration, in seconds.
    public var minSeconds: Double = 1
    /// Longest accepted duration, in seconds.
    public var maxSeconds: Double = 30
    /// Allowed sample rates in Hz; empty allows any plausible rate (1 kHz to 768 kHz).
    public var sampleRates: [Int] = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000]
    /// Most channels accepted.
    public var maxChannels: Int = 2
    /// Fewest bits per sample accepted for integer PCM (8, 16, 24 or 32; `audio.bit_depth`); nil
    /// accepts any. Float, lossy and ADPCM codecs have no bit depth and are never judged by it.
    public var minBitDepth: Int? = nil
    /// Bytes the decoder may leave unread after the last frame (reader buffers, small tags).
    public var maxTrailingBytes: Int64 = 16384
    /// Lowest accepted peak level, dBFS.
    public var minPeakDBFS: Double? = -30
    /// Lowest accepted RMS level, dBFS.
    public var minRMSDBFS: Double? = -50
    /// Highest accepted RMS level, dBFS.
    public var maxRMSDBFS: Double? = -3
    /// |x| at or above this counts as clipped.
    public var clipLevel: Double = 0.999
    /// Largest accepted share of clipped samples.
    public var maxClipping: Double? = 0.001
    /// A window quieter than this is silent, dBFS.
    public var silenceThresholdDBFS: Double = -60
    /// The silence window, in seconds.
    public var silenceWindow: Double = 0.025
    /// Largest accepted share of silent windows.
    public var maxSilence: Double? = 0.5
    /// Largest accepted |mean| of a channel, as a fraction of full scale.
    public var maxDCOffset: Double? = 0.05
    /// Lowest accepted WADA-SNR estimate, dB.
    public var minSNRDB: Double? = 10
    /// Lowest EBU R128 integrated loudness in LUFS (`audio.too_quiet`); nil switches it off.
    public var minLUFS: Double? = -40
    /// Highest integrated loudness in LUFS (`audio.too_loud`); nil switches it off.
    public var maxLUFS: Double? = -5
    /// Highest true peak in dBTP (`audio.too_loud`); nil switches it off, and true peak is then
    /// not measured (it doubles the loudness meter's cost).
    public var maxTruePeakDBTP: Double? = nil
    /// Lowest accepted share of active 20 ms frames (``VoiceActivityMeter``), 0 to 1
    /// (`audio.speech_ratio_low`); nil switches it off and leaves it unmeasured.
    public var minSpeechRatio: Double? = 0.2
    /// Lowest accepted estimated bandwidth as a share of the Nyquist frequency, 0 to 1, judged
    /// only at 32 kHz and above (`audio.upsampled`); nil switches it off and leaves it unmeasured.
    public var minBandwidthRatio: Double? = 0.6
    /// Reject files whose decoded audio equals an earlier file's.
    public var duplicates: Bool = true
    /// Reject files whose Chromaprint fingerprint nearly equals an earlier file's (`audio.dup_near`).
    public var nearDuplicates: Bool = true
    /// Highest bit error rate, 0 to 0.5, between two fingerprints that still counts as the same
    /// recording (`audio.dup_near`).
    public var maxFingerprintError: Double = 0.2

    /// The shipped defaults.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<AudioCheckOptions>] {
        [
            codecsField,
            .duration("min_seconds", \.minSeconds, help: "shortest decoded duration accepted (audio.too_short)"),
            .duration("max_seconds", \.maxSeconds, help: "longest decoded duration accepted (audio.too_long)"),
            sampleRatesField,
            .integer("max_channels", \.maxChannels, in: 1...64, help: "most channels accepted (audio.channels)"),
            minBitDepthField,
            .size("max_trailing_bytes", \.maxTrailingBytes,
                  help: "bytes the decoder may leave unread after the last frame before audio.trailing_data (reader buffers, small tags)"),
            .optionalNumber("min_peak_dbfs", \.minPeakDBFS, in: -200...0, help: "lowest peak level in dBFS (audio.peak_low); null switches it off"),
            .optionalNumber("min_rms_dbfs", \.minRMSDBFS, in: -200...0, help: "lowest RMS level in dBFS (audio.rms_low); null switches it off"),
            .optionalNumber("max_rms_dbfs", \.maxRMSDBFS, in: -200...20, help: "highest RMS level in dBFS (audio.rms_high); null switches it off"),
            .number("clip_level", \.clipLevel, in: 0.5...1, help: "|sample| at or above this counts as clipped"),
            .optionalNumber("max_clipping", \.maxClipping, in: 0...1, help: "largest share of clipped samples (audio.clipping); null switches it off"),
            .number("silence_threshold_dbfs", \.silenceThresholdDBFS, in: -200...0, help: "a window with RMS below this is silent"),
            .duration("silence_window", \.silenceWindow, help: "length of the windows the silence ratio counts"),
            .optionalNumber("max_silence", \.maxSilence, in: 0...1, help: "largest share of silent windows (audio.silence); null switches it off"),
            .optionalNumber("max_dc_offset", \.maxDCOffset, in: 0...1, help: "largest |mean| of any channel, as a fraction of full scale (audio.dc_offset); null switches it off"),
            .optionalNumber("min_lufs", \.minLUFS, in: -70...0, help: "lowest EBU R128 integrated loudness in LUFS (audio.too_quiet); null switches it off"),
            .optionalNumber("max_lufs", \.maxLUFS, in: -70...10, help: "highest integrated loudness in LUFS (audio.too_loud); null switches it off"),
            .optionalNumber("max_true_peak_dbtp", \.maxTruePeakDBTP, in: -70...20, help: "highest true peak in dBTP, 4x oversampled (audio.too_loud); null switches it off and leaves it unmeasured"),
            .optionalNumber("min_snr_db", \.minSNRDB, in: -20...100,
                            help: "lowest WADA-SNR estimate in dB (audio.snr_low); speech only: tones and music read low; null switches it off"),
            .optionalNumber("min_speech_ratio", \.minSpeechRatio, in: 0...1,
                            help: "lowest share of 20 ms frames above the file's own noise floor, with 200 ms hangover (audio.speech_ratio_low); null switches it off and leaves it unmeasured"),
            .optionalNumber("min_bandwidth_ratio", \.minBandwidthRatio, in: 0...1,
                            help: "lowest estimated bandwidth as a share of the Nyquist frequency, at 32 kHz and above (audio.upsampled); null switches it off and leaves it unmeasured"),
            .boolean("duplicates", \.duplicates, help: "reject a file whose decoded audio equals an earlier admitted file (audio.dup_exact)"),
            .boolean("near_duplicates", \.nearDuplicates,
                     help: "reject a file whose Chromaprint fingerprint nearly matches an earlier admitted file's, such as an MP3 or Ogg copy (audio.dup_near); clips under about 3.6 s are not compared"),
            .number("max_fingerprint_error", \.maxFingerprintError, in: 0...0.5,
                    help: "highest fingerprint bit error rate at the best alignment that still counts as the same recording (audio.dup_near)"),
        ]
    }

    /// `codecs`: a list of ``AudioCodec/known`` names. Not `.strings(choices:)`, whose type name
    /// would spell out all of them in `assay plugins`.
    private static var codecsField: OptionField<AudioCheckOptions> {
        OptionField(name: "codecs", typeName: "list of codec names",
                    help: "container-codec names allowed (wav-pcm16, wav-float, flac, ogg-vorbis, ogg-opus, mp3, ...); any other is audio.codec, refused before decoding",
                    read: { .strings($0.codecs) }) { options, node throws(ConfigError) in
            let items = node.items == nil ? [node] : try node.sequence(of: "'codecs'")
            var codecs: [String] = []
            for item in items {
                let name = try item.string("codecs")
                guard AudioCodec.known.contains(name) else {
                    throw item.error("unknown codec '\(name)' in 'codecs'; known: \(AudioCodec.known.joined(separator: ", "))",
                                     suggestion: Suggestion.closest(to: name, in: AudioCodec.known))
                }
                codecs.append(name)
            }
            options.codecs = codecs
        }
    }

    /// `min_bit_depth`: 8, 16, 24, 32 or null (the core has no optional-integer field).
    private static var minBitDepthField: OptionField<AudioCheckOptions> {
        OptionField(name: "min_bit_depth", typeName: "8, 16, 24, 32 or null",
                    help: "fewest bits per sample accepted for integer PCM, WAV and FLAC alike (audio.bit_depth); float and lossy codecs are not judged; null accepts any",
                    read: { $0.minBitDepth.map { .integer($0) } ?? .null }) { options, node throws(ConfigError) in
            if node.isNull {
                options.minBitDepth = nil
                return
            }
            let bits = try node.integer("min_bit_depth")
            guard [8, 16, 24, 32].contains(bits) else {
                throw node.error("'min_bit_depth' must be 8, 16, 24 or 32, got \(bits)")
            }
            options.minBitDepth = bits
        }
    }

    /// `sample_rates`: a list of whole numbers of hertz (the core has no integer-list field).
    private static var sampleRatesField: OptionField<AudioCheckOptions> {
        OptionField(name: "sample_rates", typeName: "list of integers",
                    help: "sample rates in Hz accepted (audio.sample_rate); an empty list accepts any plausible rate",
                    read: { .strings($0.sampleRates.map(String.init)) }) { options, node throws(ConfigError) in
            var rates: [Int] = []
            for item in try node.sequence(of: "'sample_rates'") {
                let rate = try item.integer("sample_rates")
                guard AudioLimits.plausibleRates.contains(rate) else {
                    throw item.error("'sample_rates' items must be between \(AudioLimits.plausibleRates.lowerBound) and \(AudioLimits.plausibleRates.upperBound) Hz, got \(rate)")
                }
                rates.append(rate)
            }
            options.sampleRates = rates
        }
    }
}
