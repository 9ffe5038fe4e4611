/// Gopher repetition measures, computed the way datatrove 0.10.1's `GopherRepetitionFilter`
/// computes them (`find_duplicates`, `find_top_duplicate`, `find_all_duplicate`), on hashes of
/// lines, paragraphs and word sequences instead of Python strings. Every fraction of characters
/// is over all characters of the text (datatrove's `len(text)`).
struct Repetition {
    /// Non-empty lines.
    var lines = 0
    /// Non-empty lines equal to an earlier line.
    var dupLines = 0
    /// Characters in those lines.
    var dupLineChars = 0
    /// Paragraphs (runs of non-empty lines between empty lines).
    var paragraphs = 0
    /// Paragraphs equal to an earlier paragraph.
    var dupParagraphs = 0
    /// Characters in those paragraphs (their inner newlines included).
    var dupParagraphChars = 0
    /// Non-blank lines (FineWeb's lines).
    var nonBlankLines = 0
    /// Characters in non-blank lines equal to an earlier non-blank line (FineWeb).
    var dupNonBlankLineChars = 0
    /// Characters covered by the most frequent 2-, 3- and 4-gram (index 0 is n = 2).
    var topNgramChars = [0, 0, 0]
    /// Characters in repeated 5- to 10-grams (index 0 is n = 5).
    var dupNgramChars = [0, 0, 0, 0, 0, 0]

    /// Measures `scan`. Unless `countLayout`, lines without a word (`-----`, `^^^^`, `};`, table
    /// borders) are layout: they are left out of the duplicate-line counts, and paragraphs made
    /// only of them out of the duplicate-paragraph counts (datatrove counts them, so documents
    /// with underlined headings and ASCII tables look repetitive).
    init(_ scan: TextScan, countLayout: Bool) {
        var table = HashCounter(expected: max(scan.lines.count, scan.words))
        let counted = countLayout ? LineRecord.nonEmpty : LineRecord.wordy
        measureLines(scan.lines, counted, &table)
        measureParagraphs(scan.lines, counted, &table)
        measureNgrams(scan, &table)
    }

    /// `find_duplicates` over datatrove's `re.split("\n+", text)` lines (non-empty lines), and
    /// over FineWeb's non-blank lines; lines without `counted` are skipped.
    private mutating func measureLines(_ records: [LineRecord], _ counted: UInt8, _ table: inout HashCounter) {
        table.reset(expected: records.count)
        for line in records where line.has(LineRecord.nonEmpty) && line.has(counted) {
            lines += 1
            if !table.insert(line.hash) {
                dupLines += 1
                dupLineChars += Int(line.chars)
            }
        }
        // Blank lines (white space only) are a subset of the non-empty ones; FineWeb drops them.
        table.reset(expected: records.count)
        for line in records where line.has(LineRecord.nonBlank) && line.has(counted) {
            nonBlankLines += 1
            if !table.insert(line.hash) { dupNonBlankLineChars += Int(line.chars) }
        }
    }

    /// `find_duplicates` over datatrove's `re.split("\n{2,}", text.strip())` paragraphs.
    private mutating func measureParagraphs(_ records: [LineRecord], _ counted: UInt8, _ table: inout HashCounter) {
        table.reset(expected: records.count)
        var hash: UInt64 = 0
        var chars = 0
        var open = false
        var hasCounted = false
        for line in records {
            if line.has(LineRecord.nonEmpty) {
                if line.has(counted) { hasCounted = true }
                if open {
                    hash = ByteHash.combine(hash, line.hash)
                    chars += Int(line.chars) + 1  // the newline joining it to the previous line
                } else {
                    hash = ByteHash.combine(0x9e37_79b9_7f4a_7c15, line.hash)
                    chars = Int(line.chars)
                    open = true
                }
            } else if open {
                if hasCounted { closeParagraph(hash, chars, &table) }
                open = false
                hasCounted = false
            }
        }
        if open, hasCounted { closeParagraph(hash, chars, &table) }
    }

    private mutating func closeParagraph(_ hash: UInt64, _ chars: Int, _ table: inout HashCounter) {
        paragraphs += 1
        if !table.insert(hash) {
            dupParagraphs += 1
            dupParagraphChars += chars
        }
    }

    /// Top n-grams (n = 2, 3, 4) and duplicated n-grams (n = 5...10) over the words.
    ///
    /// An n-gram's hash comes from a polynomial rolling hash of its word hashes, so each is O(1)
    /// from prefix sums. datatrove joins the top n-gram's words with spaces (its length counts
    /// n - 1 spaces) and the duplicated n-grams' words with nothing (no spaces).
    ///
    /// Pruning keeps the results exact: an n-gram can occur twice only where its first n - 1 words
    /// and its last n - 1 words each occur twice, so each pass after the 2-gram pass visits only
    /// such positions, and the 6- to 10-gram passes only positions where every inner 5-gram
    /// repeats. A position skipped is one whose n-gram occurs once: datatrove would add it to
    /// its set and move on, and no other n-gram can equal it.
    private mutating func measureNgrams(_ scan: TextScan, _ table: inout HashCounter) {
        let count = scan.words
        guard count >= 2 else { return }
        let prefixHash = UnsafeMutablePointer<UInt64>.allocate(capacity: count + 1)
        let prefixChars = UnsafeMutablePointer<Int>.allocate(capacity: count + 1)
        let positions = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        // repeats[i]: the longest n (up to 5) whose n-gram at i is known to occur twice; then
        // for 5-gram positions, how many 5-grams in a row from i repeat (at most 6).
        let repeats = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        defer {
            prefixHash.deallocate()
            prefixChars.deallocate()
            positions.deallocate()
            slots.deallocate()
            repeats.deallocate()
        }
        repeats.initialize(repeating: 0, count: count + 1)
        prefixHash[0] = 0
        prefixChars[0] = 0
        let hashes = scan.wordList.hashes
        let lengths = scan.wordList.lengths
        for k in 0..<count {
            prefixHash[k + 1] = prefixHash[k] &* Repetition.base &+ hashes[k]
            prefixChars[k + 1] = prefixChars[k] + Int(lengths[k])
        }
        // Candidates: every position for 2-grams; for n > 2 those whose (n-1)-grams at i and at
        // i + 1 (the n-gram's prefix and suffix) both repeat.
        var candidates = count - 1
        for k in 0..<candidates { positions[k] = Int32(k) }
        for n in 2...5 {
            if n > 2 {
                var kept = 0
                for k in 0..<candidates {
                    let start = Int(positions[k])
                    if start <= count - n, repeats[start + 1] >= n - 1 {
                        positions[kept] = positions[k]
                        kept += 1
                    }
                }
                candidates = kept
            }
            let grams = Grams(h: prefixHash, c: prefixChars, n: n)
            table.reset(expected: candidates)
            for k in 0..<candidates {
                let start = Int(positions[k])
                slots[k] = Int32(truncatingIfNeeded: table.count(grams.hash(start), at: start))
            }
            if n <= 4, count >= n {
                // An n-gram that occurs once repeats nothing. (datatrove takes Counter.most_common(1)
                // even then: the first n-gram, which in a short note covers a large share of the
                // characters and made a 19-word note "keep repeating one phrase".)
                let top = table.best
                topNgramChars[n - 2] = top.count >= 2 ? (grams.chars(top.first) + n - 1) * top.count : 0
            }
            var kept = 0
            for k in 0..<candidates where table.count(inSlot: Int(slots[k])) >= 2 {
                repeats[Int(positions[k])] = UInt8(n)
                positions[kept] = positions[k]
                kept += 1
            }
            candidates = kept
        }
        // positions[0..<candidates]: where the 5-gram repeats, increasing. An n-gram (n > 5) can
        // repeat only where all its n - 4 inner 5-grams repeat: count them in a row, from the end.
        for k in stride(from: candidates - 1, through: 0, by: -1) {
            let start = Int(positions[k])
            repeats[start] = 1 + min(repeats[start + 1] >= 6 ? repeats[start + 1] - 5 : 0, 5) + 5
        }
        for n in 5...10 where count >= n {
            var kept = 0
            for k in 0..<candidates where Int(repeats[Int(positions[k])]) - 5 >= n - 4 {
                positions[kept] = positions[k]
                kept += 1
            }
            candidates = kept
            let repeated = Repetition.repeatedChars(Grams(h: prefixHash, c: prefixChars, n: n), count, positions, candidates, &table)
            dupNgramChars[n - 5] = repeated
            // No repeated n-gram means no repeated longer n-gram either.
            if repeated == 0 { break }
        }
    }

    /// Odd multiplier of the rolling hash.
    private static let base: UInt64 = 0x100_0000_01b3

    /// The n-grams of one length n: hashes and lengths from prefix sums over the words.
    private struct Grams {
        let h: UnsafeMutablePointer<UInt64>
        let c: UnsafeMutablePointer<Int>
        let n: Int
        /// `base` to the power n.
        let shift: UInt64

        init(h: UnsafeMutablePointer<UInt64>, c: UnsafeMutablePointer<Int>, n: Int) {
            self.h = h
            self.c = c
            self.n = n
            shift = (0..<n).reduce(UInt64(1)) { result, _ in result &* Repetition.base }
        }

        /// The hash of the n words from `start`.
        @inline(__always)
        func hash(_ start: Int) -> UInt64 {
            ByteHash.finalize(h[start + n] &- h[start] &* shift)
        }

        /// The characters of the n words from `start`, without separators.
        @inline(__always)
        func chars(_ start: Int) -> Int {
            c[start + n] - c[start]
        }
    }

    /// `find_all_duplicate`: characters in repeated n-grams (words joined without spaces),
    /// skipping past each repeat as datatrove does. Only `candidates` (positions whose 5-gram
    /// repeats, increasing) can hold a repeat; the scan jumps between them.
    private static func repeatedChars(_ grams: Grams, _ count: Int, _ candidates: UnsafeMutablePointer<Int32>,
                                      _ candidateCount: Int, _ table: inout HashCounter) -> Int {
        let n = grams.n
        let last = count - n  // last position with an n-gram
        table.reset(expected: candidateCount)
        var repeated = 0
        var index = 0
        var next = 0
        while true {
            while next < candidateCount, Int(candidates[next]) < index { next += 1 }
            guard next < candidateCount else { break }
            index = Int(candidates[next])
            guard index <= last else { break }
            if table.insert(grams.hash(index)) {
                index += 1
            } else {
                repeated += grams.chars(index)
                index += n
            }
        }
        return repeated
    }
}
