import CWordBreak

/// The single pass over valid UTF-8 text: lines with their flags and hashes, words with their
/// hashes and lengths, and the counts the Gopher quality rules need.
///
/// Words: the text is split on white space (ASCII and Unicode spaces); punctuation and symbols
/// (Unicode categories P and S, and everything in Python's `string.punctuation`) are trimmed from
/// both ends of each token; a token that is punctuation only is not a word. Inner punctuation
/// stays (`don't`, `e.g`, `3.14`, `/usr/bin`), so paths and numbers count as one word each.
///
/// Text in a script written without spaces between words (Chinese, Japanese, Thai) is segmented:
/// with `segment`, each token holding a non-ASCII scalar is cut at the word boundaries ICU's
/// dictionary-based word break iterator finds, and each piece is a word (trimmed as above).
struct TextScan {
    /// Characters (Unicode scalars) in the text.
    var chars = 0
    /// LF characters in the text.
    var newlines = 0
    /// Every line, empty ones included.
    var lines: [LineRecord] = []
    /// Every word's hash and length, in order.
    var wordList = WordList(capacity: 0)
    /// Sum of word lengths.
    var wordCharsTotal = 0
    /// Words containing a letter.
    var alphaWords = 0
    /// `#` characters.
    var hashes = 0
    /// Ellipses: `…`, and `...` counted as Python's `str.count` does (three dots at a time).
    var ellipses = 0
    /// Distinct stop words seen.
    var stopWordsFound = 0

    /// Number of words.
    var words: Int { wordList.count }

    /// Scans valid UTF-8 `text`; `stopWords` keys the stop words counted; `segment` cuts tokens
    /// with non-ASCII scalars into words at ICU's word boundaries.
    init(_ text: UnsafeBufferPointer<UInt8>, stopWords: StopWords, segment: Bool = false) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        var scanner = Scanner(base, text.count, stopWords)
        scanner.segment = segment
        scanner.run(into: &self)
        scanner.release()
    }
}

/// The scan's loop state. A struct with mutating methods rather than nested functions, so the
/// state is not boxed and no dynamic exclusivity checks run in the loops.
///
/// Two loops alternate, both eight bytes at a time: one over white space (ending lines at LF),
/// one over a token (collecting whether it has a letter, and counting `#` and dots). A
/// multi-byte scalar is decoded where it starts; only Unicode white space ends a token.
private struct Scanner {
    let p: UnsafePointer<UInt8>
    let n: Int
    let stopWords: StopWords
    /// Where words go (the scan's ``WordList``).
    let list: WordList
    let hashes: UnsafeMutablePointer<UInt64>
    let lengths: UnsafeMutablePointer<UInt32>
    var wordCount = 0
    var wordChars = 0
    var alphaWords = 0
    var stopSeen: UInt64 = 0
    var hashCount = 0
    var ellipses = 0
    var newlineCount = 0
    /// Continuation bytes so far (characters = bytes - continuation bytes).
    var continuations = 0
    var lineStart = 0
    /// Continuation bytes before `lineStart`.
    var lineContinuations = 0
    var lineNonBlank = false
    var lineHasWord = false
    /// Most words the word list holds.
    let capacity: Int
    /// Cut tokens with non-ASCII scalars at ICU's word boundaries.
    var segment = false
    /// Word boundaries of the token being segmented (byte offsets from its start), grown as needed.
    var boundaries: UnsafeMutablePointer<Int32>?
    var boundaryCapacity = 0

    /// A token has a letter.
    static let letter: UInt8 = 1
    /// A token has a non-ASCII scalar.
    static let nonASCII: UInt8 = 2

    init(_ p: UnsafePointer<UInt8>, _ n: Int, _ stopWords: StopWords) {
        self.p = p
        self.n = n
        self.stopWords = stopWords
        capacity = n / 2 + 1  // a word and its separator (or a boundary's neighbour) take 2 bytes or more
        list = WordList(capacity: capacity)
        hashes = list.hashes
        lengths = list.lengths
    }

    mutating func run(into scan: inout TextScan) {
        scan.lines.reserveCapacity(n / 32 + 4)
        let raw = UnsafeRawPointer(p)
        var i = 0
        outer: while i < n {
            // White space; LFs end lines.
            while true {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let lead = w & SWAR.high
                    let h = w & ~SWAR.high
                    let other = ~(SWAR.space(h) & ~lead) & SWAR.high
                    let k = other == 0 ? 8 : other.trailingZeroBitCount >> 3
                    var lineFeeds = SWAR.equal(h, 0x0A) & ~lead & SWAR.first(k)
                    while lineFeeds != 0 {
                        endLine(i + lineFeeds.trailingZeroBitCount >> 3, &scan)
                        lineFeeds &= lineFeeds &- 1
                    }
                    i += k
                    if k == 8 { continue }
                } else {
                    guard i < n else { break outer }
                    let byte = p[i]
                    if byte < 0x80, UnicodeClass.isSpace(byte) {
                        if byte == 0x0A { endLine(i, &scan) }
                        i += 1
                        continue
                    }
                }
                // p[i] is not ASCII white space: a token starts, unless it is Unicode white space.
                guard p[i] >= 0x80 else { break }
                let (scalar, length) = UnicodeClass.decode(p, i)
                guard UnicodeClass.isWhitespace(scalar) else { break }
                continuations += length - 1
                i += length
            }
            // A token.
            lineNonBlank = true
            let start = i
            var bits: UInt8 = 0
            var dots = 0
            while true {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let lead = w & SWAR.high
                    let h = w & ~SWAR.high
                    let stop = (SWAR.space(h) & ~lead) | lead
                    let k = stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
                    let inside = SWAR.first(k)
                    if SWAR.letters(h) & inside != 0 { bits |= Scanner.letter }
                    // No popcnt on the baseline x86-64 target: '#' is rare, so count it on a branch;
                    // for dots only "none, one, or enough to look closer" matters.
                    let hashBits = SWAR.equal(h, 0x23) & inside
                    if hashBits != 0 { hashCount += hashBits.nonzeroBitCount }
                    let dotBits = SWAR.equal(h, 0x2E) & inside
                    dots &+= dotBits == 0 ? 0 : (dotBits & (dotBits &- 1) == 0 ? 1 : 3)
                    i += k
                    if k == 8 { continue }
                } else {
                    guard i < n else { break }
                    let byte = p[i]
                    if byte < 0x80 {
                        if UnicodeClass.isSpace(byte) { break }
                        if UnicodeClass.isLetter(byte) { bits |= Scanner.letter }
                        if byte == 0x23 { hashCount += 1 }
                        if byte == 0x2E { dots += 1 }
                        i += 1
                        continue
                    }
                }
                // p[i] is ASCII white space (the token ends) or starts a multi-byte scalar.
                guard p[i] >= 0x80 else { break }
                let (scalar, length) = UnicodeClass.decode(p, i)
                if UnicodeClass.isWhitespace(scalar) { break }
                continuations += length - 1
                bits |= Scanner.nonASCII
                if scalar == 0x2026 {
                    ellipses += 1
                } else if bits & Scanner.letter == 0, UnicodeClass.isLetter(scalar) {
                    bits |= Scanner.letter
                }
                i += length
            }
            if dots >= 3 { countEllipses(start, i) }  // fewer than three dots make no '...'; counts exactly
            if segment, bits & Scanner.nonASCII != 0 {
                segmentToken(start, i)
            } else {
                endToken(start, i, bits)
            }
        }
        if lineStart < n { endLine(n, &scan) }
        list.count = wordCount
        scan.wordList = list
        scan.chars = n - continuations
        scan.newlines = newlineCount
        scan.wordCharsTotal = wordChars
        scan.alphaWords = alphaWords
        scan.hashes = hashCount
        scan.ellipses = ellipses
        scan.stopWordsFound = stopSeen.nonzeroBitCount
    }

    /// Frees the boundary buffer.
    mutating func release() {
        boundaries?.deallocate()
        boundaries = nil
    }

    /// Bytes of a token segmented at once: a longer token (a line with no space at all) is cut
    /// into pieces of this size at a scalar boundary, which bounds the boundary buffer.
    static let segmentBytes = 64 * 1024

    /// Records the words of the token `[start, end)`, cut at ICU's word boundaries; a piece is
    /// one word when ICU fails on it.
    mutating func segmentToken(_ start: Int, _ end: Int) {
        var pieceStart = start
        while pieceStart < end {
            var pieceEnd = min(end, pieceStart + Scanner.segmentBytes)
            while pieceEnd < end, p[pieceEnd] & 0xC0 == 0x80 { pieceEnd -= 1 }  // not inside a scalar
            segmentPiece(pieceStart, pieceEnd)
            pieceStart = pieceEnd
        }
    }

    /// Records the words of `[start, end)` (at most ``segmentBytes``), cut at ICU's word boundaries.
    mutating func segmentPiece(_ start: Int, _ end: Int) {
        let length = end - start
        if boundaryCapacity < length {
            boundaries?.deallocate()
            boundaryCapacity = max(length, 256)
            boundaries = .allocate(capacity: boundaryCapacity)
        }
        guard let boundaries else { return }
        let text = UnsafeRawPointer(p + start).assumingMemoryBound(to: CChar.self)
        let found = assay_word_breaks(text, length, boundaries, boundaryCapacity)
        var from = start
        if found > 0 {
            for k in 0..<found {
                let to = start + Int(boundaries[k])
                guard to > from, to < end else { continue }
                endPiece(from, to)
                from = to
            }
        }
        endPiece(from, end)
    }

    /// Records the piece `[start, end)` of a segmented token as a word (trimmed as any token).
    mutating func endPiece(_ start: Int, _ end: Int) {
        guard wordCount < capacity else { return }
        var bits: UInt8 = 0
        var k = start
        while k < end {
            let byte = p[k]
            if byte < 0x80 {
                if UnicodeClass.isLetter(byte) { bits |= Scanner.letter }
                k += 1
            } else {
                let (scalar, length) = UnicodeClass.decode(p, k)
                bits |= Scanner.nonASCII
                if bits & Scanner.letter == 0, UnicodeClass.isLetter(scalar) { bits |= Scanner.letter }
                k += length
            }
        }
        endToken(start, end, bits)
    }

    /// Counts `...` in `[start, end)` as Python's `str.count` does: each run of dots gives
    /// (length / 3) ellipses.
    mutating func countEllipses(_ start: Int, _ end: Int) {
        var run = 0
        for k in start..<end {
            if p[k] == 0x2E {
                run += 1
            } else {
                ellipses += run / 3
                run = 0
            }
        }
        ellipses += run / 3
    }

    /// Records the token `[tokenStart, end)`: trims edge punctuation and records the word, if
    /// any is left.
    @inline(__always)
    mutating func endToken(_ tokenStart: Int, _ end: Int, _ bits: UInt8) {
        var start = tokenStart
        var stop = end
        if !(UnicodeClass.isAlphanumeric(p[start]) && UnicodeClass.isAlphanumeric(p[stop - 1])) {
            trim(&start, &stop)
            guard start < stop else { return }  // punctuation only: not a word
        }
        let length = stop - start
        var wordLength = length
        if bits & Scanner.nonASCII != 0 {
            wordLength = 0
            for k in start..<stop where p[k] & 0xC0 != 0x80 { wordLength += 1 }
        }
        if length <= 8 && start + 8 <= n {
            // One load: the word's bytes, zero above them.
            let raw = UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self)
            let packed = length == 8 ? raw : raw & ((1 << UInt64(8 * length)) &- 1)
            hashes[wordCount] = ByteHash.hashPacked(packed, length)
            if length <= stopWords.maxBytes, let index = stopWords.index(ofPacked: StopWords.lowercased(packed), length) {
                stopSeen |= 1 << UInt64(index)
            }
        } else {
            hashes[wordCount] = ByteHash.hash(p + start, length)
            if length >= stopWords.minBytes, length <= stopWords.maxBytes, let index = stopWords.index(of: p + start, length) {
                stopSeen |= 1 << UInt64(index)
            }
        }
        lengths[wordCount] = UInt32(truncatingIfNeeded: wordLength)
        wordCount += 1
        lineHasWord = true
        wordChars += wordLength
        if bits & Scanner.letter != 0 { alphaWords += 1 }
    }

    /// Moves `start` and `stop` inwards past punctuation and symbols.
    func trim(_ start: inout Int, _ stop: inout Int) {
        while start < stop {
            let byte = p[start]
            if byte < 0x80 {
                guard UnicodeClass.isPunct(byte) else { break }
                start += 1
            } else {
                let (scalar, length) = UnicodeClass.decode(p, start)
                guard UnicodeClass.isPunctuation(scalar) else { break }
                start += length
            }
        }
        while start < stop {
            let byte = p[stop - 1]
            if byte < 0x80 {
                guard UnicodeClass.isPunct(byte) else { break }
                stop -= 1
            } else {
                let lead = UnicodeClass.previousLead(p, before: stop)
                guard UnicodeClass.isPunctuation(UnicodeClass.decode(p, lead).scalar) else { break }
                stop = lead
            }
        }
    }

    /// Ends the line that started at `lineStart` at `end` (an LF's offset, or the text's end).
    mutating func endLine(_ end: Int, _ scan: inout TextScan) {
        var stop = end
        var lineChars = end - lineStart - (continuations - lineContinuations)
        if stop > lineStart, p[stop - 1] == 0x0D {
            stop -= 1
            lineChars -= 1
        }
        var flags: UInt8 = 0
        if stop > lineStart {
            flags |= LineRecord.nonEmpty
            if lineNonBlank {
                flags |= LineRecord.nonBlank
                var first = lineStart
                while UnicodeClass.isSpace(p[first]) { first += 1 }  // a non-blank byte follows
                if p[first] == 0x2D || (p[first] == 0xE2 && first + 2 < stop && p[first + 1] == 0x80 && p[first + 2] == 0xA2) {
                    flags |= LineRecord.bullet
                }
                if lineHasWord { flags |= LineRecord.wordy }
                var last = stop
                while last > lineStart, UnicodeClass.isSpace(p[last - 1]) { last -= 1 }
                if last - lineStart >= 3 {
                    let a = p[last - 3], b = p[last - 2], c = p[last - 1]
                    if (a == 0x2E && b == 0x2E && c == 0x2E) || (a == 0xE2 && b == 0x80 && c == 0xA6) {
                        flags |= LineRecord.ellipsisEnd
                    }
                }
                // Closing quotes and brackets after the sentence's end: `called "backlight."`.
                var end = last
                while end > lineStart {
                    let lead = p[end - 1] < 0x80 ? end - 1 : UnicodeClass.previousLead(p, before: end)
                    guard UnicodeClass.isClosing(UnicodeClass.decode(p, lead).scalar) else { break }
                    end = lead
                }
                if end > lineStart {
                    if p[end - 1] < 0x80 {
                        if UnicodeClass.isTerminal(UInt32(p[end - 1])) { flags |= LineRecord.terminalEnd }
                    } else if UnicodeClass.isTerminal(UnicodeClass.decode(p, UnicodeClass.previousLead(p, before: end)).scalar) {
                        flags |= LineRecord.terminalEnd
                    }
                }
            }
        }
        scan.lines.append(LineRecord(hash: ByteHash.hash(p + lineStart, stop - lineStart),
                                     chars: UInt32(truncatingIfNeeded: lineChars), flags: flags))
        if end < n {  // an LF ended the line; the next starts after it
            newlineCount += 1
            lineStart = end + 1
            lineContinuations = continuations
            lineNonBlank = false
            lineHasWord = false
        }
    }
}
