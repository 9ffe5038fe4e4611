import Crypto

/// Hashes decoded audio in a form that does not depend on the container or the sample format:
/// SHA-256 over the sample rate, the channel count and every sample rounded to a 16-bit integer
/// (ties to even)
/// (little-endian, interleaved). A 16-bit WAV and its FLAC copy give the same hash; so do 24-bit
/// files that differ only below 16-bit precision, which is intended (they sound the same).
struct PCMHasher {
    private var sha = SHA256()
    private var scratch: [Int16]

    /// A hasher for `channels` channels at `sampleRate`, taking blocks of up to `blockFrames` frames.
    init(sampleRate: Int, channels: Int, blockFrames: Int) {
        scratch = [Int16](repeating: 0, count: blockFrames * channels)
        var header = [UInt8]()
        for value in [UInt32(truncatingIfNeeded: sampleRate), UInt32(truncatingIfNeeded: channels)] {
            withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) }
        }
        sha.update(data: header)
    }

    /// Adds finite samples (the meter has already replaced NaN and infinities by zero).
    mutating func add(_ samples: UnsafeBufferPointer<Float>) {
        scratch.withUnsafeMutableBufferPointer { out in
            for index in samples.indices {
                // Clamp first: a float file may hold values far beyond full scale. Adding 1.5·2²³
                // rounds to the nearest integer (ties to even, like numpy's rint) and leaves it in
                // the low mantissa bits, so no trapping Float-to-Int conversion is needed.
                let scaled = min(max(samples[index] * 32768, -32768), 32767)
                let rounded = (scaled + 12_582_912).bitPattern
                out[index] = Int16(truncatingIfNeeded: rounded).littleEndian
            }
            sha.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: out[..<samples.count])))
        }
    }

    /// The 32-byte digest.
    mutating func finish() -> [UInt8] {
        Array(sha.finalize())
    }
}
