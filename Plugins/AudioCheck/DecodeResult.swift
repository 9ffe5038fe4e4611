/// The integrity facts of one decode (whole, or stopped early: ``stop``).
struct DecodeResult {
    /// Frames `sf_readf_float` returned in total.
    let framesRead: Int64
    /// libsndfile's message when `sf_error` was set after reading.
    let error: String?
    /// Bytes after the furthest byte the decoder read.
    let unreadBytes: Int64
    /// The header parse log.
    let log: HeaderLog
    /// Level measurements.
    let levels: SignalLevels
    /// Voice activity over 20 ms frames; nil when not measured or shorter than one frame.
    let activity: VoiceActivity?
    /// Estimated bandwidth in Hz (``BandwidthMeter``); nil when not measured or not measurable.
    let bandwidthHz: Double?
    /// Hash of the normalised samples, with the Chromaprint fingerprint when it was measured.
    let fingerprint: AudioFingerprint
    /// EBU R128 loudness; nil when libebur128 could not take the file's shape.
    let loudness: LoudnessMeter.Result?
    /// Why decoding stopped before the end; nil when it reached the end (or its first error).
    let stop: Stop?

    /// Why a decode stopped early.
    enum Stop {
        /// More audio than `max_seconds` came out: the file is too long whatever the rest holds.
        case pastMaxFrames
        /// The stage's CPU budget (`limits.stage_timeout`) ran out.
        case outOfBudget
    }
}
