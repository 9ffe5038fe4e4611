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
        var rows = TrigramTable(expected: 4096)
        var cells: [(row: Int32, column: Int, value: Float)] = []
        var floors: [Float] = []
        for (column, entry) in ordered.enumerated() {
            var lowest: Float = 0
            for item in entry.trigrams.split(separator: "|") {
                // "abc123": three scalars of trigram, then the count per million.
                let scalars = Array(item.unicodeScalars)
                guard scalars.count > 3, let count = Int(String(String.UnicodeScalarView(scalars[3...]))), count > 0 else { continue }
                let key = LetterScan.key(scalars[0].value, scalars[1].value, scalars[2].value)
                let row: Int32
                if let known = rows.value(of: key) {
                    row = known
                } else {
                    row = Int32(rows.count)
                    rows.set(key, to: row)
                }
                let value = Float(log(Double(count) / 1_000_000))
                lowest = min(lowest, value)
                cells.append((row, column, value))
            }
            // Below the rarest listed trigram: the profile is cut there, the trigram is rarer still.
            floors.append(lowest - 1.5)
        }
        let width = languages.count
        var table = [Float](repeating: 0, count: rows.count * width)
        for row in 0..<rows.count {
            for column in 0..<width { table[row * width + column] = floors[column] }
        }
        for cell in cells { table[Int(cell.row) * width + cell.column] = cell.value }
        self.rows = rows
        self.floors = floors
        logProbabilities = table
    }

    /// The summed log-likelihood of the text's trigrams of `script` in each language of that
    /// script (in `languages[blocks[script]]` order), and the number of trigrams.
    func score(_ bytes: [UInt8], script: Script) -> (totals: [Double], trigrams: Int) {
        guard let block = blocks[script] else { return ([], 0) }
        // Count first: a text repeats its trigrams, so each distinct one is looked up once.
        var counts = TrigramTable(expected: min(bytes.count, LetterScan.windowBytes * LetterScan.windows) / 3)
        var trigrams = 0
        LetterScan.trigrams(of: bytes, script: script) { key in
            counts.increment(key)
            trigrams += 1
        }
        var totals = [Float](repeating: 0, count: block.count)
        var unknown = 0
        let width = languages.count
        // Summed in key order: a dictionary's order changes from process to process (its hash
        // seed does), and float sums in another order differ in the last digits.
        let ordered = counts.sortedByKey()
        logProbabilities.withUnsafeBufferPointer { table in
            totals.withUnsafeMutableBufferPointer { sums in
                for (key, count) in ordered {
                    guard let row = rows.value(of: key) else {
                        unknown += Int(count)
                        continue
                    }
                    let base = Int(row) * width + block.lowerBound
                    let weight = Float(count)
                    for index in 0..<sums.count { sums[index] += weight * table[base + index] }
                }
            }
        }
        let result = totals.enumerated().map { index, total in
            Double(total) + Double(unknown) * Double(floors[block.lowerBound + index])
        }
        return (result, trigrams)
    }
}
