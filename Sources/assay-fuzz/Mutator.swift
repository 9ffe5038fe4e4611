import AssayCore

/// Byte-level mutations of the kinds that break parsers: bit flips, random bytes, 32-bit length
/// fields set to extremes, truncation, duplicated and deleted runs, and repeated markup bytes.
/// Seeded (SplitMix64), so a run with the same seed makes the same inputs.
struct Mutator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int { random.next(bound) }

    /// A mutant of `seed`: one to four mutations.
    mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed.isEmpty ? [0] : seed
        for _ in 0..<(1 + next(4)) {
            let at = next(bytes.count)
            switch next(8) {
            case 0: bytes[at] ^= UInt8(1 << next(8))
            case 1: bytes[at] = UInt8(next(256))
            case 2:  // a big-endian or little-endian 32-bit field set to an extreme
                let value: UInt32 = [0, 1, 0x7fff_ffff, 0xffff_ffff, 0x8000_0000, UInt32(next(1 << 16))][next(6)]
                let little = next(2) == 0
                for k in 0..<4 where at + k < bytes.count {
                    bytes[at + k] = UInt8(truncatingIfNeeded: little ? value >> (8 * k) : value >> (8 * (3 - k)))
                }
            case 3: bytes.removeSubrange(min(bytes.count, max(1, at))...)  // truncate
            case 4:  // duplicate a run
                let length = min(bytes.count - at, 1 + next(256))
                bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
            case 5:  // delete a run
                let length = min(bytes.count - at, 1 + next(64))
                if bytes.count > length { bytes.removeSubrange(at..<(at + length)) }
            case 6:  // markup that parsers scan for, many times
                let unit = Array(["[", "<a", "](", "`", "*", "\\", "|", "\n#"][next(8)].utf8)
                bytes.insert(contentsOf: Array(repeating: unit, count: 1 + next(2_000)).joined(), at: at)
            default:  // splice in bytes from elsewhere in the file
                let from = next(bytes.count)
                let length = min(bytes.count - from, 1 + next(32))
                bytes.replaceSubrange(at..<min(bytes.count, at + length), with: bytes[from..<(from + length)])
            }
            if bytes.isEmpty { bytes = [0] }
        }
        return bytes
    }
}
