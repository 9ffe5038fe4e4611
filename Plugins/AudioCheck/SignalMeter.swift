#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams decoded blocks through every level measurement at once: peak, RMS, clipping, DC
/// offset, silence windows (with leading and trailing silence) and the WADA-SNR sums. It keeps a
/// few sums, never the audio.
struct SignalMeter {
    private let channels: Int
    private let clipLevel: Float
    private let windowFrames: Int
    private let silentPower: Double

    private var frames = 0
    private var nonFinite = 0
    private var sums: SampleKernel

    private var windowFill = 0
    private var windowSquares = 0.0
    private var silentFrames = 0
    private var firstSound: Int?
    private var soundEnd = 0

    /// A meter for `channels` interleaved channels at `sampleRate`.
    init(channels: Int, sampleRate: Int, clipLevel: Double, silenceThresholdDBFS: Double, silenceWindow: Double) {
        self.channels = channels
        self.clipLevel = Float(clipLevel)
        windowFrames = max(1, Int((silenceWindow * Double(sampleRate)).rounded()))
        silentPower = AudioLimits.power(dBFS: silenceThresholdDBFS)
        sums = SampleKernel(channels: channels, clipLevel: Float(clipLevel))
    }

    /// Measures `frameCount` interleaved frames. NaN and infinite samples are counted and replaced
    /// by zero in place, so later measurements (and the fingerprint) stay finite.
    mutating func add(_ block: UnsafeMutableBufferPointer<Float>, frameCount: Int) {
        var start = 0
        while start < frameCount {
            let take = min(windowFrames - windowFill, frameCount - start)
            let segment = UnsafeMutableBufferPointer(rebasing: block[(start * channels)..<((start + take) * channels)])
            if SampleKernel.isTame(UnsafeBufferPointer(segment)) {
                windowSquares += sums.add(UnsafeBufferPointer(segment))
            } else {
                windowSquares += addWild(segment)
            }
            windowFill += take
            frames += take
            start += take
            if windowFill == windowFrames { closeWindow() }
        }
    }

    /// The scalar path, in Double, for runs with NaN, infinities or values too large for a Float
    /// square (only float files have them): non-finite samples are counted and zeroed.
    private mutating func addWild(_ segment: UnsafeMutableBufferPointer<Float>) -> Double {
        var squares = 0.0
        var channel = 0
        for index in segment.indices {
            if !segment[index].isFinite {
                nonFinite += 1
                segment[index] = 0
            }
            let x = Double(segment[index])
            let a = Swift.abs(x)
            squares += x * x
            sums.peak = max(sums.peak, Float(a))
            if a >= Double(clipLevel) { sums.clipped += 1 }
            sums.channelSums[channel] += x
            if a != 0 {
                sums.nonzero += 1
                sums.sumAbs += a
                sums.sumLog += log(a)
            }
            channel += 1
            if channel == channels { channel = 0 }
        }
        sums.squares += squares
        return squares
    }

    /// Judges the window just filled (or the partial last one) as silent or not.
    private mutating func closeWindow() {
        guard windowFill > 0 else { return }
        let power = windowSquares / Double(windowFill * channels)
        if power < silentPower {
            silentFrames += windowFill
        } else {
            if firstSound == nil { firstSound = frames - windowFill }
            soundEnd = frames
        }
        windowFill = 0
        windowSquares = 0
    }

    /// The measurements over everything added.
    mutating func finish(sampleRate: Int) -> SignalLevels {
        closeWindow()
        let samples = Double(frames * channels)
        let rate = Double(sampleRate)
        let dc = frames == 0 ? 0 : sums.channelSums.map { Swift.abs($0 / Double(frames)) }.max() ?? 0
        return SignalLevels(
            frames: frames,
            peakDBFS: AudioLimits.dBFS(amplitude: Double(sums.peak)),
            rmsDBFS: samples == 0 ? AudioLimits.floorDBFS : AudioLimits.dBFS(power: sums.squares / samples),
            clipping: samples == 0 ? 0 : Double(sums.clipped) / samples,
            silence: frames == 0 ? 1 : Double(silentFrames) / Double(frames),
            leadSilence: Double(firstSound ?? frames) / rate,
            trailSilence: Double(firstSound == nil ? frames : frames - soundEnd) / rate,
            dcOffset: dc,
            snrDB: WADASNR.decibels(count: sums.nonzero, sumAbs: sums.sumAbs, sumLog: sums.sumLog),
            nonFinite: nonFinite)
    }
}
