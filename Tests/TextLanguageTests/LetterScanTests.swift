import Foundation
import Testing
@testable import LanguageIdentification

/// The scanner's fast paths (ASCII bytes straight through, a flat trigram table, scripts counted
/// by case order) must read a text exactly as the standard library does.
@Suite struct LetterScanTests {
    /// Every real text file under /usr/share/common-licenses, cut into pieces at random byte
    /// offsets (so multi-byte sequences are split and malformed), decodes to the same scalars as
    /// `String(decoding:as:)`, which replaces each maximal invalid subpart with U+FFFD.
    @Test func scalarsAreTheStandardDecodersOnBrokenUTF8() throws {
        let folder = "/usr/share/common-licenses"
        var generator = SystemRandomNumberGenerator()
        var texts: [[UInt8]] = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().prefix(6).map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
        }
        // Real non-ASCII text too: Greek, Japanese and accented Latin, then damaged.
        texts.append(Array("Καλημέρα κόσμε — こんにちは世界 — façade naïve café".utf8))
        for original in texts {
            var bytes = original
            for _ in 0..<max(1, bytes.count / 50) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] = [0x80, 0xBF, 0xC3, 0xE3, 0xF0, 0xFF, 0xCE][Int.random(in: 0..<7, using: &generator)]
            }
            for cut in [bytes[...], bytes[1...], bytes[..<(bytes.count - 1)]] {
                var scanned: [UInt32] = []
                LetterScan.forEachScalar(in: cut) { scanned.append($0.value) }
                let standard = String(decoding: Array(cut), as: UTF8.self).unicodeScalars.map(\.value)
                #expect(scanned == standard)
            }
        }
    }

    @Test func scriptOrdinalsAreTheCaseOrder() {
        #expect(Script.allCases.map(\.ordinal) == Array(0..<Script.allCases.count))
    }

    /// The flat table maps like a dictionary, through its growth.
    @Test func theTrigramTableMapsLikeADictionary() throws {
        let words = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        var table = TrigramTable(expected: 4)
        var reference: [UInt64: Int32] = [:]
        LetterScan.trigrams(of: Array(words.utf8), script: .latin) { key in
            table.set(key, to: (table.value(of: key) ?? 0) + 1)
            reference[key, default: 0] += 1
        }
        #expect(table.count == reference.count && table.count > 1000)
        #expect(reference.allSatisfy { table.value(of: $0.key) == $0.value })
        #expect(table.value(of: 1) == nil)
    }

    /// Every trigram of spaces and ASCII lower-case letters has its own direct slot; any other
    /// trigram (an accent, a capital the scan never yields) goes to the hash table.
    @Test func asciiTrigramsHaveOneSlotEach() {
        let characters: [UInt32] = [0x20] + Array(0x61...0x7A)
        var slots = Set<Int>()
        for a in characters {
            for b in characters {
                for c in characters {
                    if let slot = TrigramModel.asciiSlot(LetterScan.key(a, b, c)) { slots.insert(slot) }
                }
            }
        }
        #expect(slots.count == 27 * 27 * 27 && slots.min() == 0 && slots.max() == 27 * 27 * 27 - 1)
        #expect(TrigramModel.asciiSlot(LetterScan.key(0x63, 0x61, 0xE9)) == nil)   // "caé"
        #expect(TrigramModel.asciiSlot(LetterScan.key(0x41, 0x61, 0x20)) == nil)   // "Aa "
        #expect(TrigramModel.asciiSlot(LetterScan.key(0x20, 0x161, 0x61)) == nil)  // " ša": 0x161 & 0x7F is "a"
    }
}
