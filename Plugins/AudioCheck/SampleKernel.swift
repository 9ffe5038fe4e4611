/// The per-sample arithmetic of ``SignalMeter`` over one run of finite samples, eight at a time
/// in SIMD registers: sum of squares, peak, clipped count, per-channel sums (for DC), and the
/// WADA-SNR sums (count, Σ|x| and Σ ln|x| over nonzero samples).
///
/// Swift does not reorder floating-point additions, so a plain loop never vectorises its sums;
/// explicit `SIMD8` lanes do. Partial sums stay in `Float` for at most ``chunk`` samples and are then
/// added to `Double`, which bounds the rounding error. `ln` uses `2·atanh((m−1)/(m+1))` on the
/// mantissa reduced to [√½, √2), an odd series to t⁷ whose error is below 1e−7, far inside what
/// WADA-SNR's table resolves.
struct SampleKernel {
    /// At most this many samples go into one Float partial sum before it is folded into Double.
    static let chunkLimit = 4096

    /// Sum of x².
    var squares = 0.0
    /// Largest |x|.
    var peak: Float = 0
    /// Samples with |x| ≥ the clip level.
    var clipped = 0
    /// Per-channel sums of x (index = channel).
    var channelSums: [Double]
    /// Nonzero samples.
    var nonzero = 0
    /// Σ|x| over nonzero samples.
    var sumAbs = 0.0
    /// Σ ln|x| over nonzero samples.
    var sumLog = 0.0

    private let channels: Int
    private let clipLevel: Float
    /// Whole frames per chunk, so every chunk starts on a frame boundary.
    private let chunk: Int

    /// A kernel for interleaved `channels` channels.
    init(channels: Int, clipLevel: Float) {
        self.channels = channels
        self.clipLevel = clipLevel
        chunk = max(1, Self.chunkLimit / channels) * channels
        channelSums = [Double](repeating: 0, count: channels)
    }

    /// Adds `samples`, which must be whole frames of finite values below 2⁶⁰ (so x² fits a Float);
    /// returns their Σx². ``SignalMeter`` sends anything else through its scalar path.
    mutating func add(_ samples: UnsafeBufferPointer<Float>) -> Double {
        var total = 0.0
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + chunk)
            total += addChunk(UnsafeBufferPointer(rebasing: samples[start..<end]))
            start = end
        }
        return total
    }

    private mutating func addChunk(_ samples: UnsafeBufferPointer<Float>) -> Double {
        guard let base = samples.baseAddress else { return 0 }
        let level = SIMD8<Float>(repeating: clipLevel)
        var sq = SIMD8<Float>.zero, sum = SIMD8<Float>.zero, top = SIMD8<Float>.zero
        var absSum = SIMD8<Float>.zero, logSum = SIMD8<Float>.zero
        var clips = SIMD8<Int32>.zero, count = SIMD8<Int32>.zero
        let vectors = samples.count / 8
        let raw = UnsafeRawPointer(base)
        for index in 0..<vectors {
            let x = raw.loadUnaligned(fromByteOffset: index * 32, as: SIMD8<Float>.self)
            let a = Self.magnitude(x)
            sq += x * x
            sum += x
            top.replace(with: a, where: a .> top)  // pointwiseMax is not inlined
            clips &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: a .>= level)
            let live = a .!= 0
            count &+= SIMD8<Int32>(repeating: 0).replacing(with: 1, where: live)
            absSum += a
            logSum += Self.naturalLog(a).replacing(with: 0, where: .!live)
        }
        // Channel sums: with 1, 2, 4 or 8 channels, lane k always holds channel k % channels.
        if 8 % channels == 0 {
            for lane in 0..<8 { channelSums[lane % channels] += Double(sum[lane]) }
        }
        var squaresTotal = Double(sq.sum())
        var peakValue = top.max()
        var clipCount = Int(clips.wrappedSum())
        var live = Int(count.wrappedSum())
        var absTotal = Double(absSum.sum())
        var logTotal = Double(logSum.sum())
        // The tail, and the channel sums when lanes do not line up with channels.
        let tail = vectors * 8
        for index in tail..<samples.count {
            let x = samples[index]
            let a = Swift.abs(x)
            squaresTotal += Double(x * x)
            peakValue = max(peakValue, a)
            if a >= clipLevel { clipCount += 1 }
            if a != 0 {
                live += 1
                absTotal += Double(a)
                logTotal += Double(Self.naturalLog(SIMD8<Float>(repeating: a))[0])
            }
        }
        let perFrameStart = 8 % channels == 0 ? tail : 0
        var channel = 0  // chunks and the tail start on frame boundaries
        for index in perFrameStart..<samples.count {
            channelSums[channel] += Double(samples[index])
            channel += 1
            if channel == channels { channel = 0 }
        }
        squares += squaresTotal
        peak = max(peak, peakValue)
        clipped += clipCount
        nonzero += live
        sumAbs += absTotal
        sumLog += logTotal
        return squaresTotal
    }

    /// ln(a) for positive finite a (subnormals are read as the smallest normal).
    @inline(__always)
    static func naturalLog(_ value: SIMD8<Float>) -> SIMD8<Float> {
        let smallest = SIMD8<Float>(repeating: .leastNormalMagnitude)
        let a = value.replacing(with: smallest, where: value .< smallest)
        let bits = unsafeBitCast(a, to: SIMD8<UInt32>.self)
        var exponent = SIMD8<Int32>(truncatingIfNeeded: (bits &>> 23) & 0xFF) &- 127
        var mantissa = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD8<Float>.self)
        let high = mantissa .> 1.414_213_6
        mantissa.replace(with: mantissa * 0.5, where: high)
        exponent.replace(with: exponent &+ 1, where: high)
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var series = t2 * SIMD8<Float>(repeating: 2.0 / 7) + SIMD8<Float>(repeating: 2.0 / 5)
        series = series * t2 + SIMD8<Float>(repeating: 2.0 / 3)
        series = series * t2 + SIMD8<Float>(repeating: 2)
        return SIMD8<Float>(exponent) * SIMD8<Float>(repeating: 0.693_147_18) + series * t
    }

    /// |x| by clearing the sign bits.
    @inline(__always)
    static func magnitude(_ x: SIMD8<Float>) -> SIMD8<Float> {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    }

    /// True when every sample is finite and below 2⁶⁰ in magnitude, so the SIMD path is exact
    /// enough; an integer max over the exponent bits, which the compiler vectorises.
    static func isTame(_ samples: UnsafeBufferPointer<Float>) -> Bool {
        var highest: UInt32 = 0
        for x in samples { highest = max(highest, x.bitPattern & 0x7F80_0000) }
        return highest < UInt32(127 + 60) << 23
    }
}
