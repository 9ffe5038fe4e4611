import Foundation
import Testing
@testable import TextDedup

/// MinHash estimates, LSH keys and the index payload, on real texts.
@Suite struct MinHashTests {
    static func shingleSet(_ bytes: [UInt8], size: Int = 5) -> Set<UInt64> {
        Set(ShingleHasher(size: size).shingles(of: TextScanner.scan(bytes).words))
    }

    static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// Real pairs over the whole range of similarity: licences against each other, and a man
    /// page against copies edited more and more.
    static func pairs() -> [(String, [UInt8], [UInt8])] {
        var pairs: [(String, [UInt8], [UInt8])] = []
        let names = ["GPL-2", "GPL-3", "LGPL-2.1", "LGPL-3", "GFDL-1.2", "GFDL-1.3", "Apache-2.0", "MPL-2.0", "Artistic"]
        let licenses = names.compactMap { name in RealText.license(name).map { (name, $0) } }
        for i in licenses.indices {
            for j in licenses.indices where j > i {
                pairs.append(("\(licenses[i].0)~\(licenses[j].0)", licenses[i].1, licenses[j].1))
            }
        }
        if let bash = RealText.manPage("bash") {
            let text = RealText.string(bash)
            for count in [10, 100, 400, 1000, 2000, 4000] {
                pairs.append(("bash-\(count)", bash, RealText.bytes(Edit.substituteWords(text, count: count))))
            }
        }
        return pairs
    }

    @Test func estimatesTrackTheExactJaccardOfTheShingleSets() throws {
        let pairs = Self.pairs()
        try #require(pairs.count >= 30)
        let hasher = MinHasher(permutations: 128)
        let shingler = ShingleHasher(size: 5)
        var spread: [Double] = []
        for (name, a, b) in pairs {
            let exact = Self.jaccard(Self.shingleSet(a), Self.shingleSet(b))
            let sa = hasher.signature(of: shingler.shingles(of: TextScanner.scan(a).words))
            let sb = hasher.signature(of: shingler.shingles(of: TextScanner.scan(b).words))
            let estimate = MinHasher.similarity(sa, sb)
            // 4.5 standard deviations of the binomial: a failure means a broken estimator.
            let sigma = max((exact * (1 - exact) / 128).squareRoot(), 1.0 / 128)
            #expect(abs(estimate - exact) <= 4.5 * sigma, "\(name): estimate \(estimate), exact \(exact)")
            spread.append(exact)
        }
        // The pairs cover low, middle and high similarity.
        #expect(spread.contains { $0 < 0.2 } && spread.contains { $0 > 0.4 && $0 < 0.8 } && spread.contains { $0 > 0.9 })
    }

    @Test func shortTextsAreDensifiedAndStillComparable() throws {
        // 20 words: most of the 128 bins are empty before densification.
        let text = "The quick brown fox jumps over the lazy dog while the cat sleeps under the warm kitchen table all day"
        let copy = text.replacingOccurrences(of: "warm", with: "cold")
        let hasher = MinHasher(permutations: 128)
        let shingler = ShingleHasher(size: 5)
        let a = hasher.signature(of: shingler.shingles(of: TextScanner.scan(RealText.bytes(text)).words))
        let b = hasher.signature(of: shingler.shingles(of: TextScanner.scan(RealText.bytes(copy)).words))
        #expect(a.count == 128 && !a.contains(UInt32.max))
        #expect(MinHasher.similarity(a, a) == 1)
        let exact = Self.jaccard(Self.shingleSet(RealText.bytes(text)), Self.shingleSet(RealText.bytes(copy)))
        #expect(abs(MinHasher.similarity(a, b) - exact) < 0.25)
        #expect(hasher.signature(of: []).isEmpty)
    }

    @Test func fewerWordsThanTheShingleSizeMakeOneShingle() {
        let shingler = ShingleHasher(size: 5)
        #expect(shingler.shingles(of: TextScanner.scan(RealText.bytes("only three words")).words).count == 1)
        #expect(shingler.shingles(of: TextScanner.scan(RealText.bytes("one two three four five six")).words).count == 2)
        #expect(shingler.shingles(of: []).isEmpty)
        // Word order matters inside a shingle.
        let ab = shingler.shingles(of: TextScanner.scan(RealText.bytes("alpha beta")).words)
        let ba = shingler.shingles(of: TextScanner.scan(RealText.bytes("beta alpha")).words)
        #expect(ab != ba)
    }

    @Test func bandKeysAgreeExactlyWhereBandsAgree() throws {
        let gpl = try #require(RealText.license("GPL-3"))
        let hasher = MinHasher(permutations: 128)
        let banding = LSHBands(bands: 32, rows: 4)
        let signature = hasher.signature(of: ShingleHasher(size: 5).shingles(of: TextScanner.scan(gpl).words))
        var changed = signature
        changed[5] &+= 1     // band 1
        let keys = banding.keys(of: signature)
        let changedKeys = banding.keys(of: changed)
        #expect(keys.count == 32 && Set(keys).count == 32)
        #expect(zip(keys, changedKeys).enumerated().allSatisfy { index, pair in (pair.0 == pair.1) == (index != 1) })
        #expect(banding.keys(of: []).isEmpty)
        #expect(abs(banding.candidateProbability(similarity: 0.5) - (1 - pow(1 - pow(0.5, 4), 32))) < 1e-12)
    }

    @Test func payloadRoundTrips() throws {
        let validator = try TextDedup(options: TextDedupOptions())
        let gpl = try #require(RealText.license("GPL-3"))
        let print = validator.fingerprint(of: gpl)
        #expect(print.encoded.count == 36 + 4 * 128 + 8 * 32)
        let back = try #require(TextFingerprint(encoded: print.encoded))
        #expect(back == print)
        #expect(TextFingerprint(encoded: Array(print.encoded.dropLast())) == nil)
        #expect(TextFingerprint(encoded: [9] + print.encoded.dropFirst()) == nil)
    }
}
