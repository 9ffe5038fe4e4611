import Foundation
import AssayCore
import Testing
import TextQuality

/// Each Gopher quality rule alone, at datatrove's default limit, on edited real text:
/// one edit inside the limit is accepted, the next is rejected with the rule's code.
@Suite struct GopherQualityRuleTests {
    let bsd: String
    let gpl: String

    init() throws {
        bsd = try RealText.text("/usr/share/common-licenses/BSD")
        gpl = try RealText.gpl3()
    }

    @Test("text.word_count: the first 50 words of the GPL pass, 49 do not")
    func fewestWords() throws {
        let stage = try RealText.only { $0.minWords = 50 }
        let tokens = Edits.tokens(gpl)
        let boundary = try Boundary.find(stage, code: "text.word_count", upTo: 40) { k in
            tokens.prefix(60 - k).joined(separator: " ") + "\n"
        }
        expectBoundary(boundary, code: "text.word_count", metric: "text.words", limit: 50, minimum: true)
        #expect(boundary.inside.metrics["text.words"] == 50)
        #expect(boundary.outside.metrics["text.words"] == 49)
    }

    @Test("text.word_count: 100,000 words of licence texts pass, 100,001 do not")
    func mostWords() throws {
        let stage = try RealText.only { $0.maxWords = 100_000 }
        // Every licence Debian ships, read in turn until there are enough words.
        let licences = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses").sorted()
        var tokens: [String] = []
        while tokens.count < 130_000 {
            for name in licences { tokens += Edits.tokens(try RealText.text("/usr/share/common-licenses/" + name)) }
        }
        // Punctuation-only tokens (`-`, `|`) are not words, so count words among the tokens.
        let wordTokens = tokens.filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
        try #require(wordTokens.count > 100_010)
        let boundary = try Boundary.find(stage, code: "text.word_count", upTo: 10) { k in
            wordTokens.prefix(99_998 + k).joined(separator: " ") + "\n"
        }
        expectBoundary(boundary, code: "text.word_count", metric: "text.words", limit: 100_000, minimum: false)
        #expect(boundary.outside.metrics["text.words"] == 100_001)
    }

    @Test("text.mean_word_length: appending the article 'a' drags the BSD licence below 3 characters")
    func shortestMeanWordLength() throws {
        let stage = try RealText.only { $0.minMeanWordLength = 3 }
        let boundary = try Boundary.find(stage, code: "text.mean_word_length", upTo: 4000) { k in
            bsd + String(repeating: "a ", count: k) + "\n"
        }
        expectBoundary(boundary, code: "text.mean_word_length", metric: "text.mean_word_length", limit: 3, minimum: true)
    }

    @Test("text.mean_word_length: appending the licence's longest word lifts it above 10 characters")
    func longestMeanWordLength() throws {
        let stage = try RealText.only { $0.maxMeanWordLength = 10 }
        let longest = try #require(Edits.tokens(bsd).filter { $0.allSatisfy(\.isLetter) }.max { $0.count < $1.count })
        let boundary = try Boundary.find(stage, code: "text.mean_word_length", upTo: 4000) { k in
            bsd + String(repeating: longest + " ", count: k) + "\n"
        }
        expectBoundary(boundary, code: "text.mean_word_length", metric: "text.mean_word_length", limit: 10, minimum: false)
    }

    @Test("text.hash_ratio: '#' marks on the title, one per 10 words passes, one more does not")
    func hashes() throws {
        let stage = try RealText.only { $0.maxHashRatio = 0.1 }
        let boundary = try Boundary.find(stage, code: "text.hash_ratio", upTo: 400) { k in
            String(repeating: "#", count: k) + " " + bsd
        }
        expectBoundary(boundary, code: "text.hash_ratio", metric: "text.hash_ratio", limit: 0.1, minimum: false)
        let words = try #require(boundary.outside.metrics["text.words"])
        #expect(Double(boundary.edits) == (words * 0.1).rounded(.down) + 1)
    }

    @Test("text.ellipsis_ratio: '...' inserted in the first line, up to one per 10 words")
    func ellipses() throws {
        let stage = try RealText.only { $0.maxEllipsisRatio = 0.1 }
        let lines = RealText.lines(bsd)
        let boundary = try Boundary.find(stage, code: "text.ellipsis_ratio", upTo: 400) { k in
            RealText.joined([lines[0] + String(repeating: " ...", count: k)] + lines.dropFirst())
        }
        expectBoundary(boundary, code: "text.ellipsis_ratio", metric: "text.ellipsis_ratio", limit: 0.1, minimum: false)
    }

    @Test("text.bullet_lines: dashes put before the licence's lines, 90% passes")
    func bullets() throws {
        let stage = try RealText.only { $0.maxBulletLines = 0.9 }
        let count = RealText.lines(bsd).count
        let boundary = try Boundary.find(stage, code: "text.bullet_lines", upTo: count) { k in
            Edits.prefixLines(bsd, k, with: "- ")
        }
        expectBoundary(boundary, code: "text.bullet_lines", metric: "text.bullet_lines", limit: 0.9, minimum: false)
        #expect(boundary.outside.metrics["text.bullet_lines"] == Double(boundary.edits) / Double(count))
    }

    @Test("text.ellipsis_lines: lines cut off with '...', 30% passes")
    func ellipsisLines() throws {
        let stage = try RealText.only { $0.maxEllipsisLines = 0.3 }
        let count = RealText.lines(bsd).count
        let boundary = try Boundary.find(stage, code: "text.ellipsis_lines", upTo: count) { k in
            Edits.suffixLines(bsd, k, with: "...")
        }
        expectBoundary(boundary, code: "text.ellipsis_lines", metric: "text.ellipsis_lines", limit: 0.3, minimum: false)
    }

    @Test("text.alpha_words: the licence's year appended until fewer than 80% of words have a letter")
    func alphaWords() throws {
        let stage = try RealText.only { $0.minAlphaWords = 0.8 }
        let boundary = try Boundary.find(stage, code: "text.alpha_words", upTo: 400) { k in
            bsd + String(repeating: "2007 ", count: k) + "\n"
        }
        expectBoundary(boundary, code: "text.alpha_words", metric: "text.alpha_words", limit: 0.8, minimum: true)
    }

    @Test("text.stop_words: the GPL with stop words removed one by one; two left passes, one fails")
    func stopWords() throws {
        let stage = try RealText.only { $0.minStopWords = 2 }
        let removed = ["with", "have", "that", "and", "be", "to", "of", "the"]
        let boundary = try Boundary.find(stage, code: "text.stop_words", upTo: removed.count) { k in
            let drop = Set(removed.prefix(k))
            return Edits.tokens(gpl).filter { token in
                !drop.contains(token.lowercased().trimmingCharacters(in: .punctuationCharacters))
            }.joined(separator: " ") + "\n"
        }
        expectBoundary(boundary, code: "text.stop_words", metric: "text.stop_words", limit: 2, minimum: true)
        #expect(boundary.edits == 7)
        #expect(boundary.inside.metrics["text.stop_words"] == 2)
    }

    @Test("stop words match regardless of case; datatrove's are case-sensitive")
    func stopWordsIgnoreCase() throws {
        let stage = try RealText.only { $0.minStopWords = 2 }
        let shouted = bsd.uppercased()
        #expect(RealText.judge(stage, shouted).metrics["text.stop_words"] == RealText.judge(stage, bsd).metrics["text.stop_words"])
    }

    @Test("punctuation-only tokens are not words: the GPL with its punctuation spaced out keeps its word count")
    func punctuationIsNotWords() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        var spaced = gpl
        for mark in [",", ";", "(", ")", "\""] { spaced = spaced.replacingOccurrences(of: mark, with: " \(mark) ") }
        let before = RealText.judge(stage, gpl)
        let after = RealText.judge(stage, spaced)
        #expect(before.metrics["text.words"] == after.metrics["text.words"])
        #expect(before.metrics["text.alpha_words"] == after.metrics["text.alpha_words"])
        #expect(after.reasons.isEmpty, "\(after.reasons.map(\.message))")
    }
}
