import Foundation

/// The trigram profiles, parsed once: for each trigram seen in any profile, the log-probability of
/// it in each language (a floor where the language's profile lacks it). Languages of one script
/// sit side by side in a row, so scoring a text adds one contiguous run of numbers per trigram.
final class TrigramModel: Sendable {
    /// Language codes, grouped by script.
    let languages: [String]
    /// The columns of each script's languages.
    let blocks: [Script: Range<Int>]
    /// Row index of each known trigram in `logProbabilities`.
    private let rows: TrigramTable
    /// The rows of trigrams made of ASCII letters and spaces, indexed by ``asciiSlot(_:)`` (-1
    /// where no profile lists the trigram): most trigrams of Latin text, found without hashing.
    private let asciiRows: [Int32]
    /// `languages.count` log-probabilities per row.
    private let logProbabilities: [Float]
    /// Per language: the log-probability of a trigram its profile does not list.
    private let floors: [Float]

    /// Parsed on first use, shared by every stage instance and thread.
    static let shared = TrigramModel(table: LanguageProfiles.table)

    init(table: [(language: String, script: Script, trigrams: String)]) {
        let ordered = table.sorted { ($0.script, $0.language) < ($1.script, $1.language) }
        languages = ordered.map(\.language)
        var blocks: [Script: Range<Int>] = [:]
        for (column, entry) in ordered.enumerated() {
            let start = blocks[entry.script]?.lowerBound ?? column
            blocks[entry.script] = start..<(column + 1)
        }
        self.blocks = blocks
        var parsed: [(key: UInt64, column: Int, value: Float)] = []
        var floors: [Float] = []
        for (column, entry) in ordered.enumerated() {
            var lowest: Float = 0
            for item in entry.trigrams.split(separator: "|") {
                // "abc123": three scalars of trigram, then the count per million.
                let scalars = Array(item.unicodeScalars)
                guard scalars.count > 3, let count = Int(String(String.UnicodeScalarView(scalars[3...]))), count > 0 else { continue }
                let value = Float(log(Double(count) / 1_000_000))
                lowest = min(lowest, value)
                parsed.append((LetterScan.key(scalars[0].value, scalars[1].value, scalars[2].value), column, value))
            }
            // Below the rarest listed trigram: the profile is cut there, the trigram is rarer still.
            floors.append(lowest - 1.5)
        }
        // Rows in ascending key order, so walking rows in order is walking keys in order.
        let keys = Array(Set(parsed.map(\.key))).sorted()
        var rows = TrigramTable(expected: keys.count)
        for (row, key) in keys.enumerated() { rows.set(key, to: Int32(row)) }
        let width = languages.count
        var table = [Float](repeating: 0, count: keys.count * width)
        for row in keys.indices {
            for column in 0..<width { table[row * width + column] = floors[column] }
        }
        for cell in parsed {
            guard let row = rows.value(of: cell.key) else { continue }
            table[Int(row) * width + cell.column] = cell.value
        }
        var asciiRows = [Int32](repeating: -1, count: 27 * 27 * 27)
        for (row, key) in keys.enumerated() {
            if let slot = Self.asciiSlot(key) { asciiRows[slot] = Int32(row) }
        }
        self.asciiRows = asciiRows
        self.rows = rows
        self.floors = floors
        logProbabilities = table
    }

    /// Counts, per model row, the trigram keys `produce` passes to the function it is given.
    func count(_ produce: ((UInt64) -> Void) -> Void) -> TrigramCounts {
        // Count per row first (a text repeats its trigrams), so `totals` adds each row's numbers
        // once.
        let rows = self.rows
        var counts = [Int32](repeating: 0, count: rows.count)
        var seen = [UInt64](repeating: 0, count: (rows.count + 63) / 64)
        var trigrams = 0
        var unknown = 0
        counts.withUnsafeMutableBufferPointer { counts in
            seen.withUnsafeMutableBufferPointer { seen in
                asciiRows.withUnsafeBufferPointer { asciiRows in
                    produce { key in
                        trigrams += 1
                        let row = Self.asciiSlot(key).map { asciiRows[$0] } ?? rows.value(of: key) ?? -1
                        guard row >= 0 else {
                            unknown += 1
                            return
                        }
                        let index = Int(row)
                        if counts[index] == 0 { seen[index >> 6] |= 1 << UInt64(index & 63) }
                        counts[index] &+= 1
                    }
                }
            }
        }
        return TrigramCounts(rows: counts, seen: seen, trigrams: trigrams, unknown: unknown)
    }

    /// The summed log-likelihood of the counted trigrams in each language of `script` (in
    /// `languages[blocks[script]]` order), and the number of trigrams; the counts must be of
    /// that script's letters.
    func totals(_ counted: TrigramCounts, script: Script) -> (totals: [Double], trigrams: Int) {
        guard let block = blocks[script] else { return ([], 0) }
        var totals = [Float](repeating: 0, count: block.count)
        let width = languages.count
        // Rows are numbered in key order and walked in row order through the bitmap of rows
        // seen: float sums in another order differ in the last digits, and this order is the
        // same in every process.
        logProbabilities.withUnsafeBufferPointer { table in
            counted.rows.withUnsafeBufferPointer { counts in
                totals.withUnsafeMutableBufferPointer { sums in
                    for (word, initialBits) in counted.seen.enumerated() {
                        var bits = initialBits
                        while bits != 0 {
                            let row = word << 6 | bits.trailingZeroBitCount
                            bits &= bits &- 1
                            let base = row * width + block.lowerBound
                            let weight = Float(counts[row])
                            for index in 0..<sums.count { sums[index] += weight * table[base + index] }
                        }
                    }
                }
            }
        }
        let result = totals.enumerated().map { index, total in
            Double(total) + Double(counted.unknown) * Double(floors[block.lowerBound + index])
        }
        return (result, counted.trigrams)
    }

    /// The slot in `asciiRows` of a trigram whose three characters are each a space or an ASCII
    /// lower-case letter (the only ASCII a trigram holds), nil for any other trigram.
    @inline(__always)
    static func asciiSlot(_ key: UInt64) -> Int? {
        // Any bit of 0x80 and up in any of the three 21-bit characters: not ASCII.
        let high: UInt64 = 0x1F_FF80
        guard key & (high << 42 | high << 21 | high) == 0 else { return nil }
        func code(_ character: UInt64) -> Int? {
            if character == 0x20 { return 0 }
            guard character >= 0x61, character <= 0x7A else { return nil }
            return Int(character) - 0x60
        }
        guard let a = code(key >> 42), let b = code(key >> 21 & 0x7F), let c = code(key & 0x7F) else { return nil }
        return (a * 27 + b) * 27 + c
    }
}
