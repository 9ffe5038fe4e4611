import AssayKit
import Foundation

/// Turns what the header declares and what decoding measured into reasons and metrics, by the
/// stage's options. Three gates, in order: the header (refused before any sample is decoded),
/// integrity (the decode itself), quality (levels, only judged on audio that decoded whole).
struct AudioJudge {
    /// The stage's options.
    let options: AudioCheckOptions
    /// The stage name for reasons.
    let stage: String

    /// Why libsndfile could not open the file. libsndfile refuses zero and over 1024 channels
    /// itself, at open; those messages get the channel codes (matched on libsndfile's text, which
    /// a test pins), anything else is `audio.header`.
    func openReasons(_ error: SoundFileError) -> [Reason] {
        let message = "libsndfile: \(error.message)"
        if error.message.hasPrefix("Channel count is zero") {
            return [reason(AudioReasons.noChannels, message, value: 0, limit: 1)]
        }
        if error.message.hasPrefix("Too many channels") {
            return [reason(AudioReasons.channels, message, limit: .number(Double(options.maxChannels)))]
        }
        return [reason(AudioReasons.header, message, value: .text(error.message))]
    }

    /// Problems visible in the header. Any but `audio.sample_rate` stops the file before decoding:
    /// a codec off the allow-list must not reach its decoder, and a broken shape cannot be measured.
    func headerReasons(_ header: AudioHeader) -> (reasons: [Reason], decode: Bool) {
        var reasons: [Reason] = []
        if !options.codecs.contains(header.codec) {
            reasons.append(reason(AudioReasons.codec, "codec \(header.codec) is not allowed (allowed: \(options.codecs.joined(separator: ", ")))",
                                  value: .text(header.codec), limit: .text(options.codecs.joined(separator: ","))))
        }
        if header.channels <= 0 {
            reasons.append(reason(AudioReasons.noChannels, "the header declares \(header.channels) channels",
                                  value: .number(Double(header.channels)), limit: 1))
        } else if header.channels > options.maxChannels {
            reasons.append(reason(AudioReasons.channels, "\(header.channels) channels, more than the \(options.maxChannels) allowed",
                                  value: .number(Double(header.channels)), limit: .number(Double(options.maxChannels))))
        }
        if !AudioLimits.plausibleRates.contains(header.sampleRate) {
            let bound = header.sampleRate < AudioLimits.plausibleRates.lowerBound ? AudioLimits.plausibleRates.lowerBound : AudioLimits.plausibleRates.upperBound
            reasons.append(reason(AudioReasons.implausibleRate, "sample rate \(header.sampleRate) Hz is not a real recording's",
                                  value: .number(Double(header.sampleRate)), limit: .number(Double(bound))))
        }
        if header.declaredFrames == 0 {
            reasons.append(reason(AudioReasons.empty, "the file declares no audio frames", value: 0, limit: 1))
        }
        let decode = reasons.isEmpty
        if AudioLimits.plausibleRates.contains(header.sampleRate), !options.sampleRates.isEmpty,
           !options.sampleRates.contains(header.sampleRate) {
            reasons.append(reason(AudioReasons.sampleRate, "sample rate \(header.sampleRate) Hz is not among \(rateList)",
                                  value: .number(Double(header.sampleRate)), limit: .text(rateList)))
        }
        if let limit = options.minBitDepth, let bits = header.bitDepth, bits < limit {
            reasons.append(reason(AudioReasons.bitDepth, "\(bits)-bit samples, fewer than the \(limit) bits required",
                                  value: .number(Double(bits)), limit: .number(Double(limit))))
        }
        return (reasons, decode)
    }

    /// Problems of the decode itself: errors, missing or extra audio, NaN samples.
    ///
    /// `mpeg` is the frame walk of an MPEG stream: its length comes from the frames, not from
    /// libsndfile's estimate.
    func integrityReasons(_ header: AudioHeader, _ result: DecodeResult, flacProblem: String?, mpeg: MPEGFrames? = nil) -> [Reason] {
        var reasons: [Reason] = []
        if let flacProblem {
            reasons.append(reason(AudioReasons.flacMetadata, "FLAC: \(flacProblem)"))
        }
        if let error = result.error {
            reasons.append(reason(AudioReasons.decode, "libsndfile: \(error)", value: .text(error)))
        }
        if header.isMPEG {
            if let cut = mpeg?.truncation {
                reasons.append(reason(AudioReasons.truncated, cut, value: .number(Double(mpeg?.frames ?? 0)),
                                      limit: mpeg?.declaredFrames.map { .number(Double($0)) }))
            }
        } else if let declared = header.declaredFrames, result.framesRead < declared {
            reasons.append(reason(AudioReasons.truncated, "decoded \(result.framesRead) of the \(declared) frames the header declares",
                                  value: .number(Double(result.framesRead)), limit: .number(Double(declared))))
        } else if header.declaredFrames == nil, header.isOgg {
            // A whole Ogg stream ends in a page with a granule position; libsndfile found none.
            reasons.append(reason(AudioReasons.truncated, "the Ogg stream has no final page giving its length: its end is missing",
                                  value: .number(Double(result.framesRead))))
        } else if let cut = result.log.truncatedAudio {
            reasons.append(reason(AudioReasons.truncated, "the '\(cut.chunk)' chunk declares \(cut.declared) bytes but the file holds \(cut.actual)",
                                  value: .number(Double(cut.actual)), limit: .number(Double(cut.declared))))
        }
        if result.framesRead == 0, result.error == nil, header.declaredFrames == nil || header.isMPEG {
            reasons.append(reason(AudioReasons.empty, "no audio frames could be decoded", value: 0, limit: 1))
        }
        if result.error == nil, !reasons.contains(where: { $0.code == AudioReasons.truncated.code }),
           result.unreadBytes > options.maxTrailingBytes {
            reasons.append(reason(AudioReasons.trailingData,
                                  "\(result.unreadBytes) bytes after the \(result.framesRead) decoded frames were never read by the decoder",
                                  value: .number(Double(result.unreadBytes)), limit: .number(Double(options.maxTrailingBytes))))
        }
        if result.levels.nonFinite > 0 {
            reasons.append(reason(AudioReasons.nonFinite, "\(result.levels.nonFinite) samples are NaN or infinite",
                                  value: .number(Double(result.levels.nonFinite)), limit: 0))
        }
        return reasons
    }

    /// Length, level and loudness checks on audio that decoded whole.
    func qualityReasons(_ header: AudioHeader, _ levels: SignalLevels, loudness: LoudnessMeter.Result? = nil) -> [Reason] {
        var reasons: [Reason] = []
        let seconds = Double(levels.frames) / Double(header.sampleRate)
        if seconds < options.minSeconds {
            reasons.append(reason(AudioReasons.tooShort, "\(fixed(seconds, 3)) s of audio, shorter than \(fixed(options.minSeconds, 3)) s",
                                  value: .number(seconds), limit: .number(options.minSeconds)))
        }
        if seconds > options.maxSeconds {
            reasons.append(reason(AudioReasons.tooLong, "\(fixed(seconds, 3)) s of audio, longer than \(fixed(options.maxSeconds, 3)) s",
                                  value: .number(seconds), limit: .number(options.maxSeconds)))
        }
        if let limit = options.minPeakDBFS, levels.peakDBFS < limit {
            reasons.append(reason(AudioReasons.peakLow, "peak \(fixed(levels.peakDBFS, 1)) dBFS, below \(fixed(limit, 1)) dBFS",
                                  value: .number(levels.peakDBFS), limit: .number(limit)))
        }
        if let limit = options.minRMSDBFS, levels.rmsDBFS < limit {
            reasons.append(reason(AudioReasons.rmsLow, "RMS \(fixed(levels.rmsDBFS, 1)) dBFS, below \(fixed(limit, 1)) dBFS",
                                  value: .number(levels.rmsDBFS), limit: .number(limit)))
        }
        if let limit = options.maxRMSDBFS, levels.rmsDBFS > limit {
            reasons.append(reason(AudioReasons.rmsHigh, "RMS \(fixed(levels.rmsDBFS, 1)) dBFS, above \(fixed(limit, 1)) dBFS",
                                  value: .number(levels.rmsDBFS), limit: .number(limit)))
        }
        if let limit = options.maxClipping, levels.clipping > limit {
            reasons.append(reason(AudioReasons.clipping, "\(percent(levels.clipping)) of samples are clipped, more than \(percent(limit))",
                                  value: .number(levels.clipping), limit: .number(limit)))
        }
        if let limit = options.maxSilence, levels.silence > limit {
            reasons.append(reason(AudioReasons.silence, "\(percent(levels.silence)) of the audio is silent (below \(fixed(options.silenceThresholdDBFS, 0)) dBFS), more than \(percent(limit))",
                                  value: .number(levels.silence), limit: .number(limit)))
        }
        if let limit = options.maxDCOffset, levels.dcOffset > limit {
            reasons.append(reason(AudioReasons.dcOffset, "DC offset \(fixed(levels.dcOffset, 4)) of full scale, more than \(fixed(limit, 4))",
                                  value: .number(levels.dcOffset), limit: .number(limit)))
        }
        if let limit = options.minSNRDB, let snr = levels.snrDB, snr < limit {
            reasons.append(reason(AudioReasons.snrLow, "estimated SNR \(fixed(snr, 1)) dB (WADA), below \(fixed(limit, 1)) dB",
                                  value: .number(snr), limit: .number(limit)))
        }
        if let loudness { reasons += loudnessReasons(loudness) }
        return reasons
    }

    /// Voice activity and bandwidth checks on audio that decoded whole: too little sound
    /// (`audio.speech_ratio_low`), and a spectrum that ends far below the Nyquist frequency at
    /// 32 kHz and above (`audio.upsampled`).
    func signalReasons(_ header: AudioHeader, _ result: DecodeResult) -> [Reason] {
        var reasons: [Reason] = []
        if let limit = options.minSpeechRatio, let activity = result.activity, activity.ratio < limit {
            reasons.append(reason(AudioReasons.speechRatioLow,
                                  "\(percent(activity.ratio)) of the audio holds sound (frames above \(fixed(activity.thresholdDBFS, 0)) dBFS, with 200 ms hangover), less than \(percent(limit))",
                                  value: .number(activity.ratio), limit: .number(limit)))
        }
        if let limit = options.minBandwidthRatio, let bandwidth = result.bandwidthHz, header.sampleRate >= AudioLimits.bandwidthJudgedFrom {
            let nyquist = Double(header.sampleRate) / 2
            if bandwidth < limit * nyquist {
                reasons.append(reason(AudioReasons.upsampled,
                                      "the spectrum ends at about \(fixed(bandwidth, 0)) Hz, \(fixed(bandwidth / nyquist, 2)) of the \(fixed(nyquist, 0)) Hz a \(header.sampleRate) Hz file can hold, below \(fixed(limit, 2)): resampled up from a lower rate",
                                      value: .number(bandwidth), limit: .number(limit * nyquist)))
            }
        }
        return reasons
    }

    /// EBU R128: too quiet below `min_lufs`, too loud
    /// above `max_lufs` or `max_true_peak_dbtp`.
    func loudnessReasons(_ loudness: LoudnessMeter.Result) -> [Reason] {
        var reasons: [Reason] = []
        // No integrated loudness (shorter than one 400 ms block, or all below the -70 LUFS gate)
        // is left to the duration, RMS and silence checks.
        if let limit = options.minLUFS, let lufs = loudness.integratedLUFS, lufs < limit {
            reasons.append(reason(AudioReasons.tooQuiet, "integrated loudness \(fixed(lufs, 1)) LUFS, below \(fixed(limit, 1)) LUFS",
                                  value: .number(lufs), limit: .number(limit)))
        }
        if let limit = options.maxLUFS, let lufs = loudness.integratedLUFS, lufs > limit {
            reasons.append(reason(AudioReasons.tooLoud, "integrated loudness \(fixed(lufs, 1)) LUFS, above \(fixed(limit, 1)) LUFS",
                                  value: .number(lufs), limit: .number(limit)))
        } else if let limit = options.maxTruePeakDBTP, let peak = loudness.truePeakDBTP, peak > limit {
            reasons.append(reason(AudioReasons.tooLoud, "true peak \(fixed(peak, 1)) dBTP, above \(fixed(limit, 1)) dBTP",
                                  value: .number(peak), limit: .number(limit)))
        }
        return reasons
    }

    /// Metrics named `audio.*`: the header's, and the decode's when there was one.
    func metrics(_ header: AudioHeader, _ result: DecodeResult?) -> [String: Double] {
        var metrics: [String: Double] = [
            "audio.sample_rate": Double(header.sampleRate),
            "audio.channels": Double(header.channels),
        ]
        // An MPEG stream declares no length; libsndfile's figure is an estimate from the size.
        if let declared = header.declaredFrames, !header.isMPEG { metrics["audio.frames_declared"] = Double(declared) }
        if let bits = header.bitDepth { metrics["audio.bit_depth"] = Double(bits) }
        guard let result, header.sampleRate > 0 else { return metrics }
        let levels = result.levels
        if let lufs = result.loudness?.integratedLUFS { metrics["audio.lufs"] = lufs }
        if let peak = result.loudness?.truePeakDBTP { metrics["audio.true_peak_dbtp"] = peak }
        metrics["audio.frames"] = Double(result.framesRead)
        metrics["audio.seconds"] = Double(levels.frames) / Double(header.sampleRate)
        metrics["audio.peak_dbfs"] = levels.peakDBFS
        metrics["audio.rms_dbfs"] = levels.rmsDBFS
        metrics["audio.clipping"] = levels.clipping
        metrics["audio.silence"] = levels.silence
        metrics["audio.lead_silence_s"] = levels.leadSilence
        metrics["audio.trail_silence_s"] = levels.trailSilence
        metrics["audio.dc_offset"] = levels.dcOffset
        if let snr = levels.snrDB { metrics["audio.snr_db"] = snr }
        if let activity = result.activity {
            metrics["audio.speech_ratio"] = activity.ratio
            metrics["audio.speech_lead_s"] = activity.leadSeconds
            metrics["audio.speech_trail_s"] = activity.trailSeconds
        }
        if let bandwidth = result.bandwidthHz { metrics["audio.bandwidth_hz"] = bandwidth }
        metrics["audio.unread_bytes"] = Double(result.unreadBytes)
        metrics["audio.header_mismatches"] = Double(result.log.harmlessCount)
        if levels.nonFinite > 0 { metrics["audio.non_finite"] = Double(levels.nonFinite) }
        return metrics
    }

    private var rateList: String {
        options.sampleRates.map(String.init).joined(separator: ", ") + " Hz"
    }

    private func reason(_ code: ReasonCode, _ message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) -> Reason {
        Reason(code, stage: stage, message: message, value: value, limit: limit)
    }

    private func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    private func percent(_ share: Double) -> String {
        share < 0.01 && share > 0 ? String(format: "%.3f%%", share * 100) : String(format: "%.1f%%", share * 100)
    }
}
