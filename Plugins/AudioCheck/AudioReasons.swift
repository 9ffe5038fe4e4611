import AssayKit

/// Every reason code `audio-check` gives. docs/reasons.md is generated from these.
public enum AudioReasons {
    // MARK: Decode and integrity

    /// libsndfile could not open the file.
    public static let header = ReasonCode(
        "audio.header",
        meaning: "libsndfile could not open the file: its header is malformed, or it is in a format libsndfile does not read. The message quotes libsndfile.",
        hint: "Export the recording again from the original as WAV (PCM) or FLAC.")
    /// The codec is not on the allow-list.
    public static let codec = ReasonCode(
        "audio.codec",
        meaning: "The container and codec (for example wav-ima-adpcm) are not in the stage's `codecs` allow-list; rarely used codecs are refused before any sample is decoded, because most libsndfile security bugs live in them.",
        hint: "Convert the file to 16-bit PCM WAV or FLAC.")
    /// A decoder error while reading samples.
    public static let decode = ReasonCode(
        "audio.decode",
        meaning: "libsndfile reported an error while decoding the samples (sf_error after reading): the audio data is corrupt.",
        hint: "Export the recording again from the original; the file is damaged.")
    /// Fewer samples than declared, or a data chunk shorter than its header says.
    public static let truncated = ReasonCode(
        "audio.truncated",
        meaning: "The file ends before the audio its header declares: fewer frames decoded than declared, a data chunk shorter than its size field (libsndfile's header log says \"should be\"; libsndfile itself opens such a WAV without error), an Ogg stream with no final page, or an MPEG stream (MP3) that ends inside a frame or holds fewer frames than its Xing/Info header counts.",
        hint: "The upload or copy was cut short; send the complete file again.")
    /// Audio bytes left undecoded after the declared end.
    public static let trailingData = ReasonCode(
        "audio.trailing_data",
        meaning: "Many bytes after the last decoded frame were never read by the decoder: the header declares fewer samples than the stream holds (a wrong total-sample count, which decoders obey silently), or unrelated data is appended to the audio.",
        hint: "Re-encode the file with a current encoder (flac, sox) so the header matches the audio, and remove anything appended to it.")
    /// FLAC metadata that breaks the format.
    public static let flacMetadata = ReasonCode(
        "audio.flac_metadata",
        meaning: "The FLAC metadata blocks break the format: STREAMINFO missing or not first, a block length that runs past the file or does not end where the first frame starts, or a Vorbis comment whose counts overrun its block. libFLAC decodes some of these silently; other decoders may fail or overread.",
        hint: "Decode and re-encode the file with the reference tools (`flac -d` then `flac`), or export it again.")
    /// NaN or infinite samples.
    public static let nonFinite = ReasonCode(
        "audio.non_finite",
        meaning: "A floating-point file contains NaN or infinite samples, which break every later computation on the audio.",
        hint: "Export the recording as 16-bit or 24-bit PCM, or fix the processing step that produced NaN values.")
    /// No frames.
    public static let empty = ReasonCode(
        "audio.empty",
        meaning: "The file has a valid header but declares no audio frames at all.",
        hint: "Submit a recording that contains audio.")
    /// Zero channels.
    public static let noChannels = ReasonCode(
        "audio.no_channels",
        meaning: "The header declares zero audio channels.",
        hint: "Export the recording again; the header is broken.")
    /// More channels than allowed.
    public static let channels = ReasonCode(
        "audio.channels",
        meaning: "The file has more channels than `max_channels` allows.",
        hint: "Mix the recording down to mono or stereo.")
    /// A sample rate no real recording has.
    public static let implausibleRate = ReasonCode(
        "audio.sample_rate_implausible",
        meaning: "The header's sample rate is outside 1 kHz to 768 kHz, where no real recording lies: the header is broken or forged.",
        hint: "Export the recording again at a standard rate such as 16 kHz, 44.1 kHz or 48 kHz.")
    /// A sample rate outside the allowed list.
    public static let sampleRate = ReasonCode(
        "audio.sample_rate",
        meaning: "The sample rate is not one of the stage's `sample_rates`.",
        hint: "Resample the recording to one of the allowed rates (for example `sox in.wav -r 16000 out.wav`).")

    /// Fewer bits per sample than allowed.
    public static let bitDepth = ReasonCode(
        "audio.bit_depth",
        meaning: "The file stores integer PCM samples (WAV, FLAC and the like) with fewer bits per sample than `min_bit_depth`, as libsndfile's format subtype declares it (PCM_S8/U8, PCM_16, PCM_24, PCM_32). Float, lossy and ADPCM codecs have no bit depth and are not judged.",
        hint: "Export the recording again from the original at 16 or 24 bits per sample; converting an 8-bit file up does not restore what was lost.",
        curator: "Lower `min_bit_depth` or set it to null.")

    // MARK: Length and levels

    /// Shorter than min_seconds.
    public static let tooShort = ReasonCode(
        "audio.too_short",
        meaning: "The decoded audio is shorter than `min_seconds`.",
        hint: "Submit a longer recording.")
    /// Longer than max_seconds.
    public static let tooLong = ReasonCode(
        "audio.too_long",
        meaning: "The decoded audio is longer than `max_seconds`.",
        hint: "Cut the recording into shorter clips.")
    /// Peak level too low.
    public static let peakLow = ReasonCode(
        "audio.peak_low",
        meaning: "The loudest sample is below `min_peak_dbfs`: the recording is nearly inaudible (or its header declares more bits than the samples use).",
        hint: "Record closer to the microphone or raise the input gain; normalise the file to about -3 dBFS.")
    /// RMS level too low.
    public static let rmsLow = ReasonCode(
        "audio.rms_low",
        meaning: "The RMS level over the whole file is below `min_rms_dbfs`: the recording is too quiet on average.",
        hint: "Raise the input gain or normalise the recording.")
    /// RMS level too high.
    public static let rmsHigh = ReasonCode(
        "audio.rms_high",
        meaning: "The RMS level over the whole file is above `max_rms_dbfs`: the recording is overdriven or heavily compressed.",
        hint: "Lower the input gain and record again.")
    /// Too many clipped samples.
    public static let clipping = ReasonCode(
        "audio.clipping",
        meaning: "The share of samples at full scale (|x| >= `clip_level`) is above `max_clipping`: the recording is distorted by clipping.",
        hint: "Lower the input gain and record again; clipping cannot be undone afterwards.")
    /// Mostly silence.
    public static let silence = ReasonCode(
        "audio.silence",
        meaning: "The share of the audio in windows of `silence_window` (25 ms) quieter than `silence_threshold_dbfs` (-60 dBFS) is above `max_silence`: the file is mostly or entirely silent.",
        hint: "Trim long pauses, and check that the microphone was live.")
    /// DC offset.
    public static let dcOffset = ReasonCode(
        "audio.dc_offset",
        meaning: "The mean of the samples of some channel is further from zero than `max_dc_offset` (of full scale): the recording chain adds a DC offset.",
        hint: "Apply a high-pass filter (for example `sox in.wav out.wav highpass 20`) or fix the audio interface.")
    /// Low SNR estimate.
    public static let snrLow = ReasonCode(
        "audio.snr_low",
        meaning: "The WADA-SNR estimate (Kim & Stern 2008, which assumes speech in additive noise) is below `min_snr_db`. It is a blind estimate: noise-only files read low as intended, but pure tones and music also read low (a sine reads the -20 dB floor however clean), and noiseless synthetic or lossy-coded speech can read the 100 dB ceiling (an MP3 of espeak-ng speech does), so it only suits speech datasets and is not a measurement.",
        hint: "Record in a quieter room or closer to the microphone.",
        curator: "The estimate assumes speech: for music or tones set `min_snr_db: null`.")

    /// Too little of the file holds sound.
    public static let speechRatioLow = ReasonCode(
        "audio.speech_ratio_low",
        meaning: "The share of 20 ms frames that hold sound is below `min_speech_ratio`. A frame holds sound when its level is 10 dB above the file's noise floor (the 10th percentile of its frame levels), and always when above -40 dBFS, never when below -60 dBFS; the 200 ms after such a frame count too. Background noise with a single click or word reads low (about 0.1); speech and music read 0.7 to 1. Steady noise louder than -40 dBFS counts as sound and is left to `audio.snr_low`. The metrics audio.speech_lead_s and audio.speech_trail_s give the quiet time before the first and after the last such frame.",
        hint: "Submit a recording in which the speech or sound fills most of the clip; trim the long stretches of background noise before and after it.",
        curator: "Lower `min_speech_ratio` (a clip with one short word in long pauses reads 0.1 to 0.3) or set it to null.")
    /// The spectrum ends far below the Nyquist frequency.
    public static let upsampled = ReasonCode(
        "audio.upsampled",
        meaning: "At 32 kHz and above, the estimated bandwidth (the highest frequency of the mean power spectrum over the first 5 s within 50 dB of its peak, as NeMo's speech data processor estimates it) is below `min_bandwidth_ratio` of the Nyquist frequency: the audio was recorded or stored at a lower rate (8, 16 or 22.05 kHz) and resampled up, so the rate promises frequencies it does not hold. The value is the bandwidth in Hz. Lossy codecs at common bit rates keep 0.75 of the Nyquist frequency or more; a pure tone, or sound with nothing above a few kHz, also reads narrow.",
        hint: "Submit the recording at its original sample rate (for example 16 kHz), not resampled to 44.1 or 48 kHz, or record again at the higher rate.",
        curator: "Lower `min_bandwidth_ratio` (0.5 still catches 8 and 16 kHz sources) or set it to null.")

    /// Integrated loudness below the limit.
    public static let tooQuiet = ReasonCode(
        "audio.too_quiet",
        meaning: "The EBU R128 integrated loudness (ITU-R BS.1770-4, gated, measured by libebur128) is below `min_lufs`. Audio with no measurable loudness (shorter than one 400 ms block, or all below the -70 LUFS gate) is left to the duration, RMS and silence checks.",
        hint: "Record closer to the microphone or raise the input gain; normalise the file (for example `ffmpeg -i in.wav -af loudnorm=I=-23 out.wav`).",
        curator: "Lower `min_lufs` (quiet speech is -35 to -30 LUFS) or set it to null.")
    /// Integrated loudness or true peak above the limit.
    public static let tooLoud = ReasonCode(
        "audio.too_loud",
        meaning: "The EBU R128 integrated loudness is above `max_lufs`, or the true peak (4x oversampled) is above `max_true_peak_dbtp`: the file is mastered loud or limited hard.",
        hint: "Lower the level and export again; normalise the file (for example `ffmpeg -i in.wav -af loudnorm=I=-23:TP=-1 out.wav`).",
        curator: "Raise `max_lufs` (broadcast music is about -14 LUFS, hard-limited masters -8) or set it to null.")

    // MARK: Duplicates

    /// Same decoded sound as an earlier file.
    public static let dupExact = ReasonCode(
        "audio.dup_exact",
        meaning: "The decoded audio (samples quantised to 16 bits, with the same sample rate and channel count) is identical to a file admitted earlier, whatever the container (a WAV and its FLAC copy match).",
        hint: "Do not submit the same recording twice, in any format.")
    /// Nearly the same sound as an earlier file.
    public static let dupNear = ReasonCode(
        "audio.dup_near",
        meaning: "The Chromaprint fingerprint of the decoded audio (the fingerprint AcoustID uses) matches a file admitted earlier: at the best alignment within about 1.5 s, at most `max_fingerprint_error` of its bits differ. Re-encodes (MP3, Ogg, FLAC), gain changes, resampling and silence added or cut at the ends match (measured 0.00 to 0.09); the same words read by another voice do not (0.36 and up). Clips shorter than about 3.6 s, and steady sound such as noise or hum, whose fingerprints do not identify it, are not compared. The value is the bit error rate.",
        hint: "Do not submit the same recording twice, in another format or with silence added.",
        curator: "Lower `max_fingerprint_error`, or set `near_duplicates: false` to keep only the exact check.")

    /// Every code, in the order docs list them.
    public static let all: [ReasonCode] = [
        header, codec, decode, truncated, trailingData, flacMetadata, nonFinite, empty, noChannels, channels, implausibleRate,
        sampleRate, bitDepth, tooShort, tooLong, peakLow, rmsLow, rmsHigh, clipping, silence, dcOffset, snrLow, speechRatioLow,
        upsampled, tooQuiet, tooLoud, dupExact, dupNear,
    ]
}
