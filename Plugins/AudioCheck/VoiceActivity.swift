/// What ``VoiceActivityMeter`` found in one file: how much of it holds sound above its own noise
/// floor, and where that sound starts and ends.
struct VoiceActivity: Equatable {
    /// Share of the 20 ms frames that are active or within the hangover after an active frame,
    /// 0 to 1.
    let ratio: Double
    /// Seconds before the first active frame (the whole length when none is active).
    let leadSeconds: Double
    /// Seconds after the last active frame (the whole length when none is active).
    let trailSeconds: Double
    /// The frame level, dBFS, that a frame had to exceed to be active.
    let thresholdDBFS: Double
}
