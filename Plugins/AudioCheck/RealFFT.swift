#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A radix-2 FFT of real input, for power spectra: `size` real samples are packed as `size / 2`
/// complex ones (even samples real, odd imaginary), transformed in place (iterative
/// Cooley–Tukey, decimation in time), then split into the `size / 2 + 1` bins of the real
/// transform. The tables are built once; ``powerSpectrum(_:into:scratch:)`` allocates nothing.
struct RealFFT: Sendable {
    /// Real samples per transform: a power of two, at least 4.
    let size: Int
    /// Bit-reversed index of every complex point.
    private let reversed: [Int]
    /// cos and sin of −2πk/(size/2), k < size/4: the complex transform's twiddles.
    private let twiddleCos: [Float]
    private let twiddleSin: [Float]
    /// cos and sin of −2πk/size, k ≤ size/2: the split into real bins.
    private let splitCos: [Float]
    private let splitSin: [Float]

    /// The shared 2048-point transform the bandwidth meter uses.
    static let bandwidth = RealFFT(size: 2048)

    /// Tables for `size` points; `size` must be a power of two, at least 4 (a precondition).
    init(size: Int) {
        precondition(size >= 4 && size & (size - 1) == 0, "RealFFT size must be a power of two")
        self.size = size
        let half = size / 2
        let bits = half.trailingZeroBitCount
        reversed = (0..<half).map { index in
            var value = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { value |= 1 << (bits - 1 - bit) }
            return value
        }
        twiddleCos = (0..<max(1, half / 2)).map { Float(cos(-2 * Double.pi * Double($0) / Double(half))) }
        twiddleSin = (0..<max(1, half / 2)).map { Float(sin(-2 * Double.pi * Double($0) / Double(half))) }
        splitCos = (0...half).map { Float(cos(-2 * Double.pi * Double($0) / Double(size))) }
        splitSin = (0...half).map { Float(sin(-2 * Double.pi * Double($0) / Double(size))) }
    }

    /// Adds |X[k]|² of the `size` real samples in `input` to `power[k]`, k = 0 … size/2.
    /// `scratch` must hold `size` floats (the complex points, interleaved); `power` size/2 + 1.
    func addPowerSpectrum(_ input: UnsafeBufferPointer<Float>, into power: UnsafeMutableBufferPointer<Float>,
                          scratch: UnsafeMutableBufferPointer<Float>) {
        guard let x = input.baseAddress, let p = power.baseAddress, let z = scratch.baseAddress,
              input.count >= size, power.count > size / 2, scratch.count >= size else { return }
        reversed.withUnsafeBufferPointer { reversed in
            twiddleCos.withUnsafeBufferPointer { cosines in
                twiddleSin.withUnsafeBufferPointer { sines in
                    splitCos.withUnsafeBufferPointer { splitCosines in
                        splitSin.withUnsafeBufferPointer { splitSines in
                            transform(x, z, reversed, cosines, sines)
                            split(z, p, splitCosines, splitSines)
                        }
                    }
                }
            }
        }
    }

    /// Packs `x` bit-reversed as `size / 2` complex points into `z` and transforms them in place.
    private func transform(_ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, _ reversed: UnsafeBufferPointer<Int>,
                           _ cosines: UnsafeBufferPointer<Float>, _ sines: UnsafeBufferPointer<Float>) {
        let half = size / 2
        // z[n] = x[2n] + i·x[2n+1], at the bit-reversed place.
        for n in 0..<half {
            let target = 2 * reversed[n]
            z[target] = x[2 * n]
            z[target + 1] = x[2 * n + 1]
        }
        var span = 1
        while span < half {
            let stride = half / (2 * span)
            var start = 0
            while start < half {
                for j in 0..<span {
                    let wr = cosines[j * stride], wi = sines[j * stride]
                    let a = 2 * (start + j), b = a + 2 * span
                    let br = z[b] * wr - z[b + 1] * wi
                    let bi = z[b] * wi + z[b + 1] * wr
                    let ar = z[a], ai = z[a + 1]
                    z[a] = ar + br
                    z[a + 1] = ai + bi
                    z[b] = ar - br
                    z[b + 1] = ai - bi
                }
                start += 2 * span
            }
            span *= 2
        }
    }

    /// Splits the complex transform `z` into the real transform's bins and adds their power to `p`:
    /// X[k] = E[k] + W^k·O[k], E = (Z[k] + Z*[h−k]) / 2, O = (Z[k] − Z*[h−k]) / 2i.
    private func split(_ z: UnsafeMutablePointer<Float>, _ p: UnsafeMutablePointer<Float>,
                       _ cosines: UnsafeBufferPointer<Float>, _ sines: UnsafeBufferPointer<Float>) {
        let half = size / 2
        // k = 0 and k = half both use Z[0]: X[0] = re + im, X[half] = re − im.
        p[0] += (z[0] + z[1]) * (z[0] + z[1])
        p[half] += (z[0] - z[1]) * (z[0] - z[1])
        for k in 1..<half {
            let zr = z[2 * k], zi = z[2 * k + 1]
            let cr = z[2 * (half - k)], ci = -z[2 * (half - k) + 1]
            let er = (zr + cr) / 2, ei = (zi + ci) / 2
            let odr = (zi - ci) / 2, odi = -(zr - cr) / 2
            let wr = cosines[k], wi = sines[k]
            let xr = er + odr * wr - odi * wi
            let xi = ei + odr * wi + odi * wr
            p[k] += xr * xr + xi * xi
        }
    }
}
