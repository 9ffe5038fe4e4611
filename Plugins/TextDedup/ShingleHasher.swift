/// Hashes word n-gram shingles: each run of `size` consecutive words becomes one 64-bit hash.
///
/// A text with fewer words than `size` is one shingle of all its words; a text without words
/// has no shingles. Repeated shingles are kept: the MinHash minimum ignores repeats, so no set
/// is built.
public struct ShingleHasher: Sendable {
    /// Words per shingle.
    public let size: Int

    /// A hasher of `size`-word shingles.
    public init(size: Int) {
        self.size = max(1, size)
    }

    /// The shingle hashes of a text's word hashes (see ``ScannedText/words``).
    public func shingles(of words: [UInt64]) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        let n = min(size, words.count)
        var out = [UInt64](repeating: 0, count: words.count - n + 1)
        words.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { o in
                // A rolling polynomial over the word hashes, Σ w[i+j]·P^(n−1−j) mod 2⁶⁴, updated
                // with two multiplies per shingle whatever n is, then finalised.
                let p: UInt64 = 0x9E37_79B9_7F4A_7C15
                var top: UInt64 = 1
                for _ in 1..<max(n, 1) { top &*= p }
                var rolling: UInt64 = 0
                for k in 0..<n { rolling = rolling &* p &+ w[k] }
                let salt = UInt64(n) &* 0xD6E8_FEB8_6659_FD93
                o[0] = WordHasher.mix(rolling ^ salt)
                var start = 1
                while start < o.count {
                    rolling = (rolling &- w[start - 1] &* top) &* p &+ w[start + n - 1]
                    o[start] = WordHasher.mix(rolling ^ salt)
                    start += 1
                }
            }
        }
        return out
    }
}
