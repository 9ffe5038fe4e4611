/// The level measurements of one file.
struct SignalLevels: Equatable {
    /// Frames measured.
    let frames: Int
    /// Loudest sample, dBFS.
    let peakDBFS: Double
    /// RMS over every sample of every channel, dBFS.
    let rmsDBFS: Double
    /// Share of samples at or above the clip level.
    let clipping: Double
    /// Share of frames in silent windows.
    let silence: Double
    /// Seconds before the first window that is not silent.
    let leadSilence: Double
    /// Seconds after the last window that is not silent.
    let trailSilence: Double
    /// Largest |mean| of any channel.
    let dcOffset: Double
    /// WADA-SNR estimate, nil when every sample is zero.
    let snrDB: Double?
    /// NaN or infinite samples seen.
    let nonFinite: Int
}
