import AssayKit
import Foundation

/// `audio-check`: decodes WAV, FLAC, Ogg Vorbis, Opus and MP3 with libsndfile from the bytes
/// already read, catches corrupt, truncated and padded files that libsndfile alone lets through,
/// measures levels, silence, voice activity, bandwidth and a speech SNR estimate, and rejects
/// exact duplicates of the decoded sound whatever the container, and near duplicates by
/// Chromaprint fingerprint.
///
/// `analyze` opens the bytes with `sf_open_virtual` (no second read, no temporary file), refuses
/// codecs off the allow-list before decoding, then decodes every frame in blocks of 4096 frames
/// through one pass that measures and hashes, so memory does not grow with the file.
public struct AudioCheckValidator: StatefulValidator {
    /// The `with:` block.
    public typealias Options = AudioCheckOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "audio-check",
        summary: "decodes audio with libsndfile; rejects corrupt, truncated, clipped, silent, noisy, upsampled, off-length and duplicate recordings",
        modalities: [.audio],
        // 2: an MP3 whose LAME tag counts one frame more than it holds is audio.truncated.
        version: 2,
        reasonCodes: AudioReasons.all,
        fileExtensions: ["wav", "flac", "ogg", "oga", "opus", "mp3"],
        headlineMetrics: [HeadlineMetric("audio.seconds", title: "Audio duration (s)"), HeadlineMetric("audio.snr_db", title: "Audio SNR (dB, WADA)")],
        examples: examples
    )

    private let options: AudioCheckOptions

    /// Builds the stage; throws when options contradict each other.
    public init(options: AudioCheckOptions) throws(OptionsError) {
        if options.minSeconds > options.maxSeconds {
            throw OptionsError("min_seconds (\(options.minSeconds) s) is above max_seconds (\(options.maxSeconds) s)")
        }
        if options.codecs.isEmpty {
            throw OptionsError("codecs is empty, so every audio file would be rejected")
        }
        if options.silenceWindow <= 0 || options.silenceWindow > 1 {
            throw OptionsError("silence_window must be above 0 and at most 1 s, got \(options.silenceWindow) s")
        }
        if let low = options.minRMSDBFS, let high = options.maxRMSDBFS, low > high {
            throw OptionsError("min_rms_dbfs (\(low)) is above max_rms_dbfs (\(high))")
        }
        self.options = options
    }

    /// Decodes and measures one file. Never throws: every problem with the file is a reason.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let judge = AudioJudge(options: options, stage: stageName)
        var outOfBudget = false
        let finding = file.bytes.withUnsafeBytes { bytes -> Finding in
            let sound: SoundFile
            do throws(SoundFileError) {
                sound = try SoundFile(bytes)
            } catch {
                return Finding(reasons: judge.openReasons(error))
            }
            let header = sound.header
            let gate = judge.headerReasons(header)
            guard gate.decode else {
                return Finding(reasons: gate.reasons, metrics: judge.metrics(header, nil))
            }
            var meter = SignalMeter(channels: header.channels, sampleRate: header.sampleRate, clipLevel: options.clipLevel,
                                    silenceThresholdDBFS: options.silenceThresholdDBFS, silenceWindow: options.silenceWindow)
            let measures = AudioDecoder.Measures(
                truePeak: options.maxTruePeakDBTP != nil,
                activity: options.minSpeechRatio != nil,
                bandwidth: options.minBandwidthRatio != nil && header.sampleRate >= AudioLimits.bandwidthJudgedFrom,
                acoustic: options.nearDuplicates)
            // One block past max_seconds is enough to say the file is too long.
            let maxFrames = Int64(min(options.maxSeconds * Double(header.sampleRate), Double(Int64.max / 2)))
            let result = AudioDecoder.decode(sound, meter: &meter, measures: measures, maxFrames: maxFrames, budget: file.budget)
            switch result.stop {
            case .outOfBudget?:
                outOfBudget = true
                return Finding()
            case .pastMaxFrames?:
                let seconds = Double(result.framesRead) / Double(header.sampleRate)
                let tooLong = Reason(AudioReasons.tooLong, stage: stageName,
                                     message: "more than \(String(format: "%.3f", options.maxSeconds)) s of audio (max_seconds); decoding stopped at \(String(format: "%.3f", seconds)) s",
                                     value: .number(seconds), limit: .number(options.maxSeconds))
                return Finding(reasons: gate.reasons + [tooLong], metrics: judge.metrics(header, nil))
            case nil:
                break
            }
            let flacProblem = header.codec == "flac" ? FLACMetadata(bytes).problem() : nil
            let mpeg = header.isMPEG ? MPEGFrames(bytes) : nil
            let integrity = judge.integrityReasons(header, result, flacProblem: flacProblem, mpeg: mpeg)
            var reasons = gate.reasons + integrity
            // Levels of audio that did not decode whole would only add noise to the real reason.
            if integrity.isEmpty {
                reasons += judge.qualityReasons(header, result.levels, loudness: result.loudness)
                reasons += judge.signalReasons(header, result)
            }
            let remembered = integrity.isEmpty && (options.duplicates || options.nearDuplicates)
            return Finding(reasons: reasons, metrics: judge.metrics(header, result), fingerprint: remembered ? result.fingerprint : nil)
        }
        if outOfBudget { throw StageBudget.failure(seconds: file.budget.seconds, used: file.budget.used) }
        return finding
    }

    /// Rejects a file whose decoded audio equals an admitted file's (`audio.dup_exact`), or whose
    /// Chromaprint fingerprint is within `max_fingerprint_error` of one's (`audio.dup_near`).
    /// Candidates come from the fingerprint's keys, never from a scan of every admitted file.
    public func decide(_ print: AudioFingerprint, of file: Verdict, among admitted: AdmittedFiles<AudioFingerprint>) -> Decision {
        if options.duplicates, let earlier = admitted.exactCopy(of: print) {
            return Decision(reasons: [Reason(AudioReasons.dupExact, stage: stageName,
                                             message: "the decoded audio is identical to \(earlier.file.path)", value: .text(earlier.file.path))],
                            duplicateOf: earlier.file)
        }
        guard options.nearDuplicates, let acoustic = print.acoustic, acoustic.isDistinctive else { return Decision() }
        var best: (file: FileRef, errorRate: Double, offset: Int)?
        for earlier in admitted.candidates(forKeys: acoustic.probeKeys) {
            guard let theirs = earlier.fingerprint.acoustic, theirs.isDistinctive, let match = acoustic.bestMatch(theirs) else { continue }
            // Candidates come oldest first, so on a tie the first admitted wins.
            if match.errorRate <= options.maxFingerprintError, match.errorRate < (best?.errorRate ?? .infinity) {
                best = (earlier.file, match.errorRate, match.offset)
            }
        }
        guard let best else { return Decision() }
        // Item i of this file met item i + offset of the earlier one: this file is -offset items later.
        let later = -Double(best.offset) * AcousticPrint.itemSeconds
        let reason = Reason(AudioReasons.dupNear, stage: stageName,
                            message: "nearly the same audio as \(best.file.path): \(String(format: "%.1f%%", best.errorRate * 100)) of the Chromaprint fingerprint bits differ (at most \(String(format: "%.1f%%", options.maxFingerprintError * 100))), with this file shifted \(String(format: "%+.1f", later)) s",
                            value: .number(best.errorRate), limit: .number(options.maxFingerprintError))
        return Decision(reasons: [reason], metrics: ["audio.dup_fingerprint_error": best.errorRate], duplicateOf: best.file)
    }
}
