/// A Chromaprint raw fingerprint (``ChromaprintMeter``): about 8 items of 32 bits a second, each
/// 16 two-bit (Gray-coded) filter responses over the chroma of the audio, so a re-encoded copy
/// keeps most bits. Compared by bit error rate at the best alignment.
///
/// Measured with espeak-ng speech (4.7 s, 16 items) against: its FLAC copy 0.000, Ogg Vorbis 0.029
/// (quality 0: 0.037), LAME MP3 0.088 (8 kbit/s: 0.057), 0.5 s of silence added in front 0.008
/// (found 4 items later), a noisy copy 0.008, the first 0.3 s cut 0.074; the same sentence by
/// en-us 0.361, by en+f3 0.393, another sentence 0.410, a pluck melody 0.383.
///
/// Two things make unrelated files read alike, and both are left out: runs of identical items
/// (digital silence, a held tone: every file with a second of silence holds the same ones), which
/// are skipped where both files have them; and steady sound (noise, hum), whose items barely
/// change from one to the next (two unrelated white noises read 0.13), which gets no comparison
/// at all (``isDistinctive``).
struct AcousticPrint: Equatable, Sendable {
    /// The raw items, in time order.
    let items: [UInt32]

    /// Seconds between items: chromaprint's hop of 1365 samples at 11025 Hz (about 8 a second).
    static let itemSeconds = 1365.0 / 11025.0
    /// Alignments searched: ±12 items (about ±1.5 s) of silence or cut at either end.
    static let maxOffset = 12
    /// Fewest compared items (about 1 s of audio; a clip needs about 3.6 s to give this many).
    static let minOverlap = 8
    /// Items of the start of a file whose top bits are index keys: about 4 s.
    static let keyedItems = 32
    /// Bits of an item kept in its key: the top 20 (the first 10 filters, the least disturbed by
    /// lossy coding in the measurements above).
    static let keyBits = 20
    /// Fewest bits that must change, on average, between consecutive items for the fingerprint
    /// to identify the audio: speech and music measured 5.3 to 5.5, steady noises 1.5 to 3.
    static let minMeanChange = 4.0
    /// Near-copy keys carry "CP" in bits 48–63, so they never equal an exact key's prefix by design
    /// (an exact key is random; a collision is checked away by the comparison anyway).
    private static let keyTag: UInt64 = 0x4350 << 48

    /// Wraps raw items.
    init(items: [UInt32]) {
        self.items = items
    }

    /// Long enough to compare, and changing enough over time to identify the audio.
    var isDistinctive: Bool {
        guard items.count >= Self.minOverlap else { return false }
        var changes = 0
        for index in 1..<items.count { changes += (items[index] ^ items[index - 1]).nonzeroBitCount }
        return Double(changes) / Double(items.count - 1) >= Self.minMeanChange
    }

    /// Keys filed in the index: the top ``keyBits`` of each item among the first ``keyedItems``
    /// that is not part of a run of identical items.
    var indexKeys: [UInt64] { keys(count: Self.keyedItems) }

    /// Keys to look up: the same of the first ``keyedItems`` + ``maxOffset`` items, so an
    /// admitted file shifted by up to ``maxOffset`` items either way meets one of its own keys.
    var probeKeys: [UInt64] { keys(count: Self.keyedItems + Self.maxOffset) }

    /// The lowest bit error rate over every alignment within ±``maxOffset`` items that compares
    /// at least ``minOverlap`` items and half the shorter fingerprint, with the item offset of
    /// `other` against this one; nil when no alignment compares enough. Positions where both
    /// items repeat a neighbour (digital silence in both) are not compared.
    func bestMatch(_ other: AcousticPrint) -> (errorRate: Double, offset: Int)? {
        let mine = Self.staticMask(items), theirs = Self.staticMask(other.items)
        let needed = max(Self.minOverlap, min(items.count, other.items.count) / 2)
        var best: (errorRate: Double, offset: Int)?
        for offset in -Self.maxOffset...Self.maxOffset {
            // Item i of this print meets item i + offset of the other.
            let start = max(0, -offset)
            let end = min(items.count, other.items.count - offset)
            guard end - start >= needed else { continue }
            var bits = 0, compared = 0
            for index in start..<end where !(mine[index] && theirs[index + offset]) {
                bits += (items[index] ^ other.items[index + offset]).nonzeroBitCount
                compared += 1
            }
            guard compared >= needed else { continue }
            let rate = Double(bits) / Double(32 * compared)
            if rate < (best?.errorRate ?? .infinity) { best = (rate, offset) }
        }
        return best
    }

    private func keys(count: Int) -> [UInt64] {
        let mask = Self.staticMask(items)
        var seen = Set<UInt64>()
        var keys: [UInt64] = []
        for index in 0..<min(count, items.count) where !mask[index] {
            let key = Self.keyTag | UInt64(items[index] >> UInt32(32 - Self.keyBits))
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }

    /// True at each item equal to the one before or after it.
    private static func staticMask(_ items: [UInt32]) -> [Bool] {
        var mask = [Bool](repeating: false, count: items.count)
        for index in items.indices.dropFirst() where items[index] == items[index - 1] {
            mask[index] = true
            mask[index - 1] = true
        }
        return mask
    }
}
