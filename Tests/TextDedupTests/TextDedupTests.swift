import AssayCore
import Foundation
import Testing
@testable import TextDedup

/// `text-dedup` on real texts and on copies the tests make of them.
@Suite struct TextDedupTests {
    static let licenseNames = ["Apache-2.0", "Artistic", "BSD", "CC0-1.0", "GFDL-1.2", "GPL-1", "GPL-2", "GPL-3",
                               "LGPL-2", "LGPL-3", "MPL-1.1", "MPL-2.0"]
    static let manPages = ["ls", "cp", "mv", "grep", "sed", "tar", "find", "bash", "man", "apt-get", "dpkg", "chmod"]

    @Test func caseAndWhiteSpaceChangesAreExactCopies() throws {
        let run = try DedupRun()
        let gpl = try #require(RealText.license("GPL-3"))
        let text = RealText.string(gpl)
        #expect(try run.judge("a/gpl3.txt", gpl).reasons.isEmpty)
        let shouted = try run.judge("b/GPL3-UPPER.txt", RealText.bytes(text.uppercased()))
        #expect(shouted.codes == ["text.dup_exact"])
        #expect(shouted.duplicateOf?.path == "a/gpl3.txt")
        #expect(shouted.metrics["text.similarity"] == 1)
        let crlf = try run.judge("b/gpl3-crlf.txt", RealText.bytes(text.replacingOccurrences(of: "\n", with: "\r\n  ")))
        #expect(crlf.codes == ["text.dup_exact"])
        #expect(crlf.duplicateOf?.path == "a/gpl3.txt")
    }

    @Test func editedCopiesOfManPagesAreNearCopies() throws {
        let run = try DedupRun()
        var originals: [(String, String)] = []
        for page in Self.manPages {
            guard let bytes = RealText.manPage(page) else { continue }
            let path = "orig/\(page).txt"
            #expect(try run.judge(path, bytes).reasons.isEmpty, "\(page) should be new")
            originals.append((path, RealText.string(bytes)))
        }
        try #require(originals.count >= 8)
        for (index, (path, text)) in originals.enumerated() {
            let words = text.split(whereSeparator: { $0.isWhitespace }).count
            let copies: [(String, String)] = [
                ("words", Edit.substituteWords(text, count: max(1, words / 100), seed: UInt64(index))),
                ("lines", Edit.swapLines(text, count: 3, seed: UInt64(index))),
                ("header", Edit.addHeader(text)),
                ("moved", Edit.moveBlock(text, lines: 6)),
            ]
            for (kind, copy) in copies {
                let decision = try run.judge("copy/\(kind)/\(path)", RealText.bytes(copy))
                #expect(decision.codes == ["text.dup_near"], "\(path) \(kind)")
                #expect(decision.duplicateOf?.path == path, "\(path) \(kind)")
                let similarity = try #require(decision.metrics["text.similarity"])
                // A small edit to a long page can leave all 128 positions equal: still near, not exact.
                #expect(similarity >= 0.55 && similarity <= 1, "\(path) \(kind): \(similarity)")
                let reason = try #require(decision.reasons.first)
                #expect(reason.value == .number(similarity) && reason.limit == .number(0.55))
            }
        }
    }

    @Test func differentDocumentsAreNotCopies() throws {
        let run = try DedupRun()
        var judged = 0
        for name in Self.licenseNames {
            guard let bytes = RealText.license(name) else { continue }
            let decision = try run.judge("lic/\(name)", bytes)
            #expect(decision.reasons.isEmpty, "\(name): \(decision.codes) of \(decision.duplicateOf?.path ?? "-")")
            judged += 1
        }
        for page in Self.manPages {
            guard let bytes = RealText.manPage(page) else { continue }
            let decision = try run.judge("man/\(page)", bytes)
            #expect(decision.reasons.isEmpty, "\(page): \(decision.codes) of \(decision.duplicateOf?.path ?? "-")")
            judged += 1
        }
        for path in RealText.files(under: "/usr/share/doc", limit: 60, accept: { $0.hasSuffix("README") || $0.hasSuffix(".md") }) {
            guard let bytes = RealText.file(path), TextScanner.scan(bytes).words.count >= 200 else { continue }
            let decision = try run.judge("doc" + path, bytes)
            // Debian ships some READMEs twice under different package names: those are copies.
            if let earlier = decision.duplicateOf?.path {
                let a = try #require(RealText.file(path))
                let b = try #require(RealText.file(String(earlier.dropFirst(3))))
                #expect(MinHashTests.jaccard(MinHashTests.shingleSet(a), MinHashTests.shingleSet(b)) > 0.45, "\(path) vs \(earlier)")
            }
            judged += 1
        }
        try #require(judged >= 25)
    }

    @Test func aRevisedLicenceIsANearCopyOfItsPredecessor() throws {
        // LGPL 2.1 revised LGPL 2.0: most of the text is unchanged.
        let run = try DedupRun()
        let lgpl2 = try #require(RealText.license("LGPL-2"))
        let lgpl21 = try #require(RealText.license("LGPL-2.1"))
        try run.judge("LGPL-2", lgpl2)
        let decision = try run.judge("LGPL-2.1", lgpl21)
        let exact = MinHashTests.jaccard(MinHashTests.shingleSet(lgpl2), MinHashTests.shingleSet(lgpl21))
        #expect(exact > 0.6)
        #expect(decision.codes == ["text.dup_near"])
        #expect(decision.duplicateOf?.path == "LGPL-2")
        #expect(abs((decision.metrics["text.similarity"] ?? 0) - exact) < 0.15)
    }

    @Test func theFirstSeenWins() throws {
        let gpl = try #require(RealText.license("GPL-2"))
        let copy = RealText.bytes(Edit.swapLines(RealText.string(gpl), count: 4))
        let forward = try DedupRun()
        try forward.judge("1-original.txt", gpl)
        #expect(try forward.judge("2-copy.txt", copy).duplicateOf?.path == "1-original.txt")
        let backward = try DedupRun()
        try backward.judge("1-copy.txt", copy)
        #expect(try backward.judge("2-original.txt", gpl).duplicateOf?.path == "1-copy.txt")
        // A third copy points at the first file, not at the rejected second one.
        #expect(try forward.judge("3-copy.txt", RealText.bytes(RealText.string(gpl).uppercased())).duplicateOf?.path == "1-original.txt")
    }

    @Test func rejectedFilesAreNotAdmitted() throws {
        let run = try DedupRun()
        let gpl = try #require(RealText.license("GPL-3"))
        let text = RealText.string(gpl)
        // Rejected by another stage: never indexed, so its copy later is accepted.
        try run.judge("bad.txt", gpl, otherStagesPass: false)
        #expect(run.index.count == 0)
        #expect(try run.judge("good.txt", RealText.bytes(text.uppercased())).reasons.isEmpty)
        #expect(run.index.count == 1)
        // Rejected as a copy: not indexed either; a further copy points at the admitted file.
        #expect(try run.judge("copy.txt", gpl).duplicateOf?.path == "good.txt")
        #expect(run.index.count == 1)
        #expect(try run.judge("copy2.txt", RealText.bytes(Edit.addHeader(text))).duplicateOf?.path == "good.txt")
        #expect(run.index.count == 1)
    }

    @Test func theThresholdIsInclusive() throws {
        let gpl = try #require(RealText.license("GPL-3"))
        let copy = RealText.bytes(Edit.substituteWords(RealText.string(gpl), count: 300))
        let probe = try DedupRun()
        try probe.judge("original.txt", gpl)
        let similarity = try #require(try probe.judge("copy.txt", copy).metrics["text.similarity"])
        #expect(similarity > 0.3 && similarity < 0.95)
        // Just inside: threshold equal to the similarity rejects.
        var inside = TextDedupOptions()
        inside.threshold = similarity
        let atLimit = try DedupRun(options: inside)
        try atLimit.judge("original.txt", gpl)
        #expect(try atLimit.judge("copy.txt", copy).codes == ["text.dup_near"])
        // Just outside: one signature position more than the copy shares accepts, and still
        // reports how similar the closest candidate was.
        var outside = TextDedupOptions()
        outside.threshold = similarity + 1.0 / 128
        let pastLimit = try DedupRun(options: outside)
        try pastLimit.judge("original.txt", gpl)
        let accepted = try pastLimit.judge("copy.txt", copy)
        #expect(accepted.reasons.isEmpty)
        #expect(accepted.metrics["text.similarity"] == similarity)
    }

    @Test func theIndexSurvivesALaterRun() throws {
        let first = try DedupRun()
        let gpl = try #require(RealText.license("LGPL-2.1"))
        try first.judge("day1/lgpl.txt", gpl)
        // The engine writes the changes to the ledger and loads them into the next run's index.
        let later = DuplicateIndex(stage: TextDedup.name)
        for entry in first.index.takeChanges() { later.load(entry) }
        let second = try DedupRun(index: later)
        #expect(try second.judge("day2/lgpl-copy.txt", RealText.bytes(Edit.addHeader(RealText.string(gpl)))).duplicateOf?.path == "day1/lgpl.txt")
        #expect(try second.judge("day2/lgpl-exact.txt", gpl).codes == ["text.dup_exact"])
    }

    @Test func aCheckedFileIsNotItsOwnCopy() throws {
        // `assay check --ledger` on a file the ledger already accepted leaves that file out.
        let run = try DedupRun()
        let gpl = try #require(RealText.license("GPL-3"))
        try run.judge("same.txt", gpl)
        #expect(try run.judge("same.txt", gpl, otherStagesPass: false, excluding: "/same.txt").reasons.isEmpty)
        #expect(try run.judge("same.txt", gpl, otherStagesPass: false).codes == ["text.dup_exact"])
    }

    @Test func textsWithoutWordsOnlyMatchExactly() throws {
        let run = try DedupRun()
        #expect(try run.judge("a.txt", RealText.bytes("--- *** ---\n")).reasons.isEmpty)
        #expect(try run.judge("b.txt", RealText.bytes("--- +++ ---\n")).reasons.isEmpty)
        #expect(try run.judge("c.txt", RealText.bytes("---   ***   ---")).codes == ["text.dup_exact"])
    }

    @Test func nearCanBeSwitchedOff() throws {
        var options = TextDedupOptions()
        options.near = false
        let run = try DedupRun(options: options)
        let gpl = try #require(RealText.license("GPL-3"))
        try run.judge("a.txt", gpl)
        #expect(try run.judge("b.txt", RealText.bytes(Edit.addHeader(RealText.string(gpl)))).reasons.isEmpty)
        #expect(try run.judge("c.txt", gpl).codes == ["text.dup_exact"])
    }

    @Test func withoutVerificationEveryCandidateIsACopy() throws {
        var options = TextDedupOptions()
        options.verify = false
        options.threshold = 0.99
        let run = try DedupRun(options: options)
        let gpl = try #require(RealText.license("GPL-3"))
        try run.judge("a.txt", gpl)
        let decision = try run.judge("b.txt", RealText.bytes(Edit.substituteWords(RealText.string(gpl), count: 60)))
        #expect(decision.codes == ["text.dup_near"])
        #expect((decision.metrics["text.similarity"] ?? 1) < 0.99)
    }
}
