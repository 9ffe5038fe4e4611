/// The prose of a Markdown document, so the rules measure what a reader reads and the markup
/// alone never makes a document fail. Line by line, keeping line breaks (the line rules and the
/// paragraph rules still see the document's shape):
///
/// - dropped lines: YAML front matter (`---` ... `---` at the top), fenced code blocks (``` and
///   `~~~` at any indent, fences included; the block becomes one empty line), indented code blocks (4+ spaces
///   after an empty line, outside lists), HTML comments, thematic breaks and setext underlines
///   (`---`, `***`, `===`), table delimiter rows (`|---|:--:|`) and link reference definitions
///   (`[id]: url`);
/// - stripped line prefixes: block quote `>`, heading `#`s (and closing `#`s), list bullets
///   (`-`, `*`, `+`) and ordered list numbers (`1.`, `1)`), task boxes (`[ ]`, `[x]`);
/// - inline: a link or image keeps its text and loses its target (`[text](url)`, `![alt](src)`,
///   `[text][ref]`); autolinks and HTML tags are removed; emphasis markers (`*`, `**`, `~~`, and
///   `_` at a word edge) and code-span backticks are removed (the code span's text stays);
///   backslash escapes keep the escaped character; table cell pipes become spaces.
///
/// Headings (ATX `#` lines, and setext lines above `===` or `---`) stay in the prose, and their
/// line numbers are kept: they are structure, which FineWeb's line rules leave out.
enum MarkdownProse {
    /// The prose of a document and where its headings are.
    struct Extract {
        /// The prose, UTF-8.
        var bytes: [UInt8] = []
        /// Zero-based numbers of the prose's lines that are headings, ascending.
        var headings: [Int] = []
    }

    /// The prose of `source` (valid UTF-8) as UTF-8 bytes.
    static func extract(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        extractWithHeadings(source).bytes
    }

    /// The prose of `source` (valid UTF-8) with the line numbers of its headings.
    static func extractWithHeadings(_ source: UnsafeBufferPointer<UInt8>) -> Extract {
        guard let p = source.baseAddress else { return Extract() }
        let n = source.count
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<n where p[i] == 0x0A {
            lines.append(start..<(i > start && p[i - 1] == 0x0D ? i - 1 : i))
            start = i + 1
        }
        if start < n { lines.append(start..<n) }

        var out: [UInt8] = []
        out.reserveCapacity(n)
        var headings: [Int] = []
        var proseLine = 0  // the prose line being written
        var previousText = false  // the prose line before is a paragraph's text (a setext heading if underlined)
        var fence: (byte: UInt8, length: Int)?
        var inComment = false
        var inList = false
        var inTable = false
        var previousBlank = true
        var previousCode = false
        var index = 0
        if let first = lines.first, isFrontMatterFence(p, first) {
            index = 1
            while index < lines.count, !isFrontMatterFence(p, lines[index]) { index += 1 }
            index += 1
        }
        while index < lines.count {
            let line = lines[index]
            index += 1
            let (indent, body) = leadingIndent(p, line)
            if let open = fence {
                if fenceRun(p, body).map({ $0.byte == open.byte && $0.length >= open.length && $0.restBlank }) == true {
                    fence = nil
                }
                continue
            }
            if let run = fenceRun(p, body) {  // at any indent: fences inside list items are indented
                fence = (run.byte, run.length)
                out.append(0x0A)  // the code block separates paragraphs
                proseLine += 1
                previousBlank = true
                previousText = false
                continue
            }
            if inComment {
                if contains(p, body, "-->") { inComment = false }
                continue
            }
            let blank = body.isEmpty
            if blank {
                out.append(0x0A)
                proseLine += 1
                previousText = false
                previousBlank = true
                previousCode = false
                inTable = false
                continue
            }
            if indent >= 4, (previousBlank || previousCode), !inList {
                previousCode = true  // indented code block
                continue
            }
            previousCode = false
            previousBlank = false
            if startsWith(p, body, "<!--") {
                if !contains(p, body, "-->") { inComment = true }
                continue
            }
            if isRule(p, body) || isTableDelimiter(p, body) || isReferenceDefinition(p, body) {
                if previousText, isSetextUnderline(p, body), headings.last != proseLine - 1 { headings.append(proseLine - 1) }
                previousText = false
                continue
            }
            if !inTable, index < lines.count, isTableDelimiter(p, leadingIndent(p, lines[index]).body), contains(p, body, "|") {
                inTable = true
            }
            var content = body
            var sawListMarker = false
            var sawHeading = false
            stripPrefixes(p, &content, sawList: &sawListMarker, sawHeading: &sawHeading)
            if sawListMarker {
                inList = true
            } else if indent == 0 {
                inList = false
            }
            if sawHeading { headings.append(proseLine) }
            appendInline(p, content, table: inTable, to: &out)
            out.append(0x0A)
            proseLine += 1
            previousText = !sawHeading && !sawListMarker && !inTable
        }
        return Extract(bytes: out, headings: headings)
    }

    /// A setext heading's underline: only `=` or only `-` (spaces around allowed).
    private static func isSetextUnderline(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> Bool {
        guard let first = body.first.map({ p[$0] }), first == 0x3D || first == 0x2D else { return false }
        return body.allSatisfy { p[$0] == first }
    }

    // MARK: - Block level

    private static func leadingIndent(_ p: UnsafePointer<UInt8>, _ line: Range<Int>) -> (indent: Int, body: Range<Int>) {
        var indent = 0
        var i = line.lowerBound
        while i < line.upperBound, p[i] == 0x20 || p[i] == 0x09 {
            indent += p[i] == 0x09 ? 4 - indent % 4 : 1
            i += 1
        }
        var end = line.upperBound
        while end > i, p[end - 1] == 0x20 || p[end - 1] == 0x09 { end -= 1 }
        return (indent, i..<end)
    }

    private static func startsWith(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let bytes = prefix.utf8Start
        for k in 0..<count where p[range.lowerBound + k] != bytes[k] { return false }
        return true
    }

    private static func contains(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard range.count >= count else { return false }
        for start in range.lowerBound...(range.upperBound - count)
        where startsWith(p, start..<range.upperBound, needle) {
            return true
        }
        return false
    }

    private static func isFrontMatterFence(_ p: UnsafePointer<UInt8>, _ line: Range<Int>) -> Bool {
        line.count == 3 && startsWith(p, line, "---")
    }

    /// A code fence: 3+ backticks or tildes; `restBlank` when nothing follows (a closing fence).
    private static func fenceRun(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> (byte: UInt8, length: Int, restBlank: Bool)? {
        guard let first = body.first.map({ p[$0] }), first == 0x60 || first == 0x7E else { return nil }
        var i = body.lowerBound
        while i < body.upperBound, p[i] == first { i += 1 }
        let length = i - body.lowerBound
        guard length >= 3 else { return nil }
        if first == 0x60, (i..<body.upperBound).contains(where: { p[$0] == 0x60 }) { return nil }  // inline code
        return (first, length, i == body.upperBound)
    }

    /// Thematic break or setext underline: 3+ of one of `-`, `*`, `_`, `=`, spaces allowed.
    private static func isRule(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> Bool {
        guard let first = body.first.map({ p[$0] }), first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D else {
            return false
        }
        var marks = 0
        for i in body {
            if p[i] == first { marks += 1 } else if p[i] != 0x20 && p[i] != 0x09 { return false }
        }
        return marks >= 3 || (first == 0x3D || first == 0x2D) && marks >= 1 && !body.contains(where: { p[$0] == 0x20 })
    }

    /// A table delimiter row: only `|`, `-`, `:` and spaces, with a `-` and a `|` or `:`.
    private static func isTableDelimiter(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> Bool {
        var dash = false
        var pipe = false
        for i in body {
            switch p[i] {
            case 0x2D: dash = true
            case 0x7C: pipe = true
            case 0x3A, 0x20, 0x09: break
            default: return false
            }
        }
        return dash && pipe
    }

    /// `[label]: destination`
    private static func isReferenceDefinition(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> Bool {
        guard body.count >= 4, p[body.lowerBound] == 0x5B else { return false }
        var i = body.lowerBound + 1
        while i < body.upperBound, p[i] != 0x5D { i += 1 }
        return i > body.lowerBound + 1 && i + 1 < body.upperBound && p[i + 1] == 0x3A
    }

    /// Strips block quote markers, a heading's `#`s, a list marker and a task box.
    private static func stripPrefixes(_ p: UnsafePointer<UInt8>, _ content: inout Range<Int>, sawList: inout Bool, sawHeading: inout Bool) {
        func skipSpaces(_ r: inout Range<Int>) {
            while let i = r.first, p[i] == 0x20 || p[i] == 0x09 { r = (i + 1)..<r.upperBound }
        }
        while let i = content.first, p[i] == 0x3E {  // > quote
            content = (i + 1)..<content.upperBound
            skipSpaces(&content)
        }
        if let i = content.first, p[i] == 0x23 {  // # heading
            var j = i
            while j < content.upperBound, p[j] == 0x23 { j += 1 }
            if j - i <= 6, j == content.upperBound || p[j] == 0x20 || p[j] == 0x09 {
                sawHeading = true
                content = j..<content.upperBound
                skipSpaces(&content)
                var end = content.upperBound
                while end > content.lowerBound, p[end - 1] == 0x23 { end -= 1 }
                if end == content.lowerBound || p[end - 1] == 0x20 || p[end - 1] == 0x09 {
                    while end > content.lowerBound, p[end - 1] == 0x20 || p[end - 1] == 0x09 { end -= 1 }
                    content = content.lowerBound..<end
                }
                return
            }
        }
        if let i = content.first {
            var j = i
            if p[i] == 0x2D || p[i] == 0x2A || p[i] == 0x2B {  // - * + bullet
                j = i + 1
            } else {
                while j < content.upperBound, j - i < 9, p[j] &- 0x30 < 10 { j += 1 }
                if j > i, j < content.upperBound, p[j] == 0x2E || p[j] == 0x29 { j += 1 } else { j = i }
            }
            if j > i, j == content.upperBound || p[j] == 0x20 || p[j] == 0x09 {
                sawList = true
                content = j..<content.upperBound
                skipSpaces(&content)
                if content.count >= 3, p[content.lowerBound] == 0x5B, p[content.lowerBound + 2] == 0x5D,
                   p[content.lowerBound + 1] == 0x20 || p[content.lowerBound + 1] | 0x20 == 0x78 {
                    content = (content.lowerBound + 3)..<content.upperBound
                    skipSpaces(&content)
                }
            }
        }
    }

    // MARK: - Inline

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || UnicodeClass.isLetter(byte) || byte &- 0x30 < 10
    }

    /// The offset of the `close` that balances the `open` at `start`, on this line.
    private static func matching(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, open: UInt8, close: UInt8) -> Int? {
        var depth = 0
        var i = start
        while i < end {
            if p[i] == 0x5C { i += 2; continue }
            if p[i] == open { depth += 1 } else if p[i] == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// For every `[` on the line, the offset of the `]` that balances it (as ``matching`` finds
    /// it), and for every offset the next `>`: both in one pass each, so a line of 300,000
    /// unclosed `[` or `<a` costs linear time, not quadratic.
    private struct LineIndex {
        let start: Int
        var closeOf: [Int32]
        var nextGreater: [Int32]

        init(_ p: UnsafePointer<UInt8>, _ content: Range<Int>) {
            start = content.lowerBound
            let count = content.count
            closeOf = [Int32](repeating: -1, count: count)
            nextGreater = [Int32](repeating: -1, count: count + 1)
            var open: [Int32] = []
            var i = content.lowerBound
            while i < content.upperBound {
                if p[i] == 0x5C {
                    i += 2
                    continue
                }
                if p[i] == 0x5B {
                    open.append(Int32(i - start))
                } else if p[i] == 0x5D, let at = open.popLast() {
                    closeOf[Int(at)] = Int32(i - start)
                }
                i += 1
            }
            var next: Int32 = -1
            for k in stride(from: count - 1, through: 0, by: -1) {
                if p[start + k] == 0x3E { next = Int32(k) }
                nextGreater[k] = next
            }
        }

        func close(of i: Int) -> Int? { closeOf[i - start] < 0 ? nil : Int(closeOf[i - start]) + start }
        func greater(after i: Int) -> Int? { i - start >= nextGreater.count || nextGreater[i - start] < 0 ? nil : Int(nextGreater[i - start]) + start }
    }

    private static func appendInline(_ p: UnsafePointer<UInt8>, _ content: Range<Int>, table: Bool, to out: inout [UInt8]) {
        var i = content.lowerBound
        let end = content.upperBound
        let index = LineIndex(p, content)
        var pendingClose: [Int] = []  // offsets of `]` that end a link text, with the target after them
        while i < end {
            let byte = p[i]
            if let close = pendingClose.last, close == i {
                pendingClose.removeLast()
                // Skip the target: `(...)` or `[...]`.
                let opener = p[i + 1]
                let closer: UInt8 = opener == 0x28 ? 0x29 : 0x5D
                i = (matching(p, from: i + 1, to: end, open: opener, close: closer) ?? (end - 1)) + 1
                continue
            }
            switch byte {
            case 0x5C where i + 1 < end && UnicodeClass.isPunct(p[i + 1]):  // \* escape
                out.append(p[i + 1])
                i += 2
            case 0x21 where i + 1 < end && p[i + 1] == 0x5B:  // ![ image: keep the alt text
                i += 1
            case 0x5B:  // [text](target) or [text][ref]
                if let close = index.close(of: i), close + 1 < end,
                   p[close + 1] == 0x28 || p[close + 1] == 0x5B {
                    pendingClose.append(close)
                } else {
                    out.append(byte)
                }
                i += 1
            case 0x3C:  // <tag>, </tag>, <http://autolink>
                if i + 1 < end, UnicodeClass.isLetter(p[i + 1]) || p[i + 1] == 0x2F || p[i + 1] == 0x21,
                   let close = index.greater(after: i + 1) {
                    i = close + 1
                } else {
                    out.append(byte)
                    i += 1
                }
            case 0x2A, 0x60:  // * emphasis, ` code span
                i += 1
            case 0x7E where i + 1 < end && p[i + 1] == 0x7E:  // ~~ strike-through
                i += 2
            case 0x5F:  // _ emphasis only at a word edge; snake_case stays
                var j = i
                while j < end, p[j] == 0x5F { j += 1 }
                let before = i > content.lowerBound && isWordByte(p[i - 1])
                let after = j < end && isWordByte(p[j])
                if before && after { out.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i)) }
                i = j
            case 0x7C where table:  // table cell separator
                out.append(0x20)
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
    }
}
