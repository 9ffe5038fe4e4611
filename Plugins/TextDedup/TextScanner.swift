/// One pass over a text's UTF-8 bytes that yields both what exact duplicates are compared on
/// and the words near duplicates are shingled from (see ``ScannedText``).
///
/// Normalisation: Unicode NFC, full case folding, every run of white space (Unicode
/// `White_Space`) turned into one space and none at either end, a leading byte-order mark
/// dropped; bytes that are not UTF-8 are kept as they are, so different garbage stays different.
///
/// Most text is ASCII, where NFC changes nothing and case folding is `A`–`Z` → `a`–`z`, so the
/// scanner walks bytes and copies. A white-space-delimited token goes through Foundation only
/// when it holds a scalar the fast path cannot vouch for (see ``CaseFolding/isStable(_:)``).
/// Neither NFC nor case folding acts across white space, so normalising token by token gives
/// the same bytes as normalising the whole text.
public enum TextScanner {
    /// Scans `bytes`.
    public static func scan(_ bytes: [UInt8]) -> ScannedText {
        bytes.withUnsafeBufferPointer { input in
            var out = OutputBuffer<UInt8>(capacity: input.count + 16)
            var words = OutputBuffer<UInt64>(capacity: input.count / 2 + 16)
            var next: Int? = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while let start = next {
                next = scanRun(input, from: start, into: &out, words: &words)
            }
            return ScannedText(normalized: out.finish(), words: words.finish())
        }
    }

    /// The normalised bytes of `bytes` alone.
    public static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        scan(bytes).normalized
    }

    /// Scans from `start` (the start of the text or white space) to the end (returns nil) or to
    /// just after a token that needed Foundation (returns where to go on).
    private static func scanRun(_ input: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout OutputBuffer<UInt8>,
                                words: inout OutputBuffer<UInt64>) -> Int? {
        let count = input.count
        // The fast path writes at most one byte per byte it reads (a separator stands for white
        // space before it) and at most one word per two bytes (a word and what ends it), so with
        // this much room reserved the loop writes through pointers without checks.
        out.reserve(out.count + (count - start) + 1)
        words.reserve(words.count + (count - start) / 2 + 2)
        let dst = out.base
        let wordsOut = words.base
        var used = out.count
        var wordCount = words.count
        var pendingSpace = false
        var word = WordHasher()
        var i = start
        while i < count {
            let byte = input[i]
            if byte < 0x80 {
                if UTF8Bytes.asciiWhiteSpace(byte) {
                    if word.length > 0 {
                        wordsOut[wordCount] = word.value
                        wordCount += 1
                        word = WordHasher()
                    }
                    pendingSpace = used > 0
                    i += 1
                    continue
                }
                if pendingSpace {
                    dst[used] = 0x20
                    used += 1
                    pendingSpace = false
                }
                let lower = byte | ((byte &- 0x41) < 26 ? 0x20 : 0)
                dst[used] = lower
                used += 1
                i += 1
                if WordHasher.asciiWord(lower) {
                    word.feed(lower)
                } else if word.length > 0 {
                    wordsOut[wordCount] = word.value
                    wordCount += 1
                    word = WordHasher()
                }
                continue
            }
            let space = UTF8Bytes.whiteSpaceWidth(input, at: i)
            if space > 0 {
                if word.length > 0 {
                    wordsOut[wordCount] = word.value
                    wordCount += 1
                    word = WordHasher()
                }
                pendingSpace = used > 0
                i += space
                continue
            }
            if pendingSpace {
                dst[used] = 0x20
                used += 1
                pendingSpace = false
            }
            let (decoded, width) = UTF8Bytes.decode(input, at: i)
            let stable = decoded.map(CaseFolding.isStable)
            if stable != false {
                // Stable scalars and bytes that are not UTF-8 (kept as they are) go straight through.
                let isWord = decoded.map(WordHasher.isWord) ?? false
                if !isWord, word.length > 0 {
                    wordsOut[wordCount] = word.value
                    wordCount += 1
                    word = WordHasher()
                }
                for k in 0..<width {
                    dst[used + k] = input[i + k]
                    if isWord { word.feed(input[i + k]) }
                }
                used += width
                i += width
                continue
            }
            // A scalar the fast path cannot vouch for: redo its whole token through Foundation,
            // taking back the bytes and the finished words the token produced so far.
            let tokenStart = Self.tokenStart(input, before: i, notBefore: start)
            var tokenMark = used
            while tokenMark > 0, dst[tokenMark - 1] != 0x20 { tokenMark -= 1 }
            let finished = WordHasher.countWords(UnsafeBufferPointer(start: dst + tokenMark, count: used - tokenMark))
                - (word.length > 0 ? 1 : 0)
            var end = i + width
            while end < count, UTF8Bytes.whiteSpaceWidth(input, at: end) == 0 { end += 1 }
            out.count = tokenMark
            words.count = wordCount - finished
            CaseFolding.fold(UnsafeBufferPointer(rebasing: input[tokenStart..<end]), into: &out)
            var folded = WordHasher()
            folded.feedAll(UnsafeBufferPointer(start: out.base + tokenMark, count: out.count - tokenMark), into: &words)
            folded.end(into: &words)
            return end
        }
        if word.length > 0 {
            wordsOut[wordCount] = word.value
            wordCount += 1
        }
        out.count = used
        words.count = wordCount
        return nil
    }

    /// Where the token holding byte `i` starts: just after the white space before it, or `floor`.
    private static func tokenStart(_ input: UnsafeBufferPointer<UInt8>, before i: Int, notBefore floor: Int) -> Int {
        var p = i
        while p > floor {
            if UTF8Bytes.asciiWhiteSpace(input[p - 1]) { break }
            if p - 2 >= floor, UTF8Bytes.whiteSpaceWidth(input, at: p - 2) == 2 { break }
            if p - 3 >= floor, UTF8Bytes.whiteSpaceWidth(input, at: p - 3) == 3 { break }
            p -= 1
        }
        return p
    }
}
