import AssayCore
import Foundation
import Testing
import TextQuality

/// Short notes: a text in which no phrase occurs twice repeats nothing, however short it is.
@Suite struct ShortTextTests {
    /// The opening sentences of real documents, cut to 12 ... 30 words: every one a short note
    /// without a repeated pair of words.
    static func notes() throws -> [String] {
        let sources = [try RealText.gpl3(), try RealText.text("/usr/share/common-licenses/Apache-2.0"),
                       try RealText.gunzip("/usr/share/doc/apt/README.md.gz")]
        var notes: [String] = []
        for source in sources {
            let words = source.split(whereSeparator: \.isWhitespace)
            for count in stride(from: 12, through: 30, by: 1) {
                for start in stride(from: 40, to: 400, by: 37) where start + count <= words.count {
                    let note = words[start..<(start + count)]
                    // As text-quality reads words: punctuation and symbols trimmed from the edges, case kept.
                    let trimmed = note.map { $0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }.filter { !$0.isEmpty }
                    let pairs = zip(trimmed, trimmed.dropFirst()).map { "\($0) \($1)" }
                    if Set(pairs).count == pairs.count { notes.append(note.joined(separator: " ")) }
                }
            }
        }
        return notes
    }

    @Test("a note of 12 to 30 words without a repeated phrase never 'keeps repeating one phrase'")
    func notesDoNotRepeat() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let notes = try Self.notes()
        #expect(notes.count > 200)
        for note in notes {
            let finding = RealText.judge(stage, note)
            #expect(!finding.reasons.contains { $0.code == "text.top_ngram" }, "\(note)")
            for n in 2...4 { #expect(finding.metrics["text.top_\(n)gram"] == 0, "\(n): \(note)") }
        }
    }

    @Test("a phrase said twice in a short note still counts")
    func repeatedPhraseCounts() throws {
        let stage = try TextQuality(options: TextQualityOptions())
        let sentence = try RealText.gpl3().split(whereSeparator: \.isWhitespace).prefix(200).suffix(8).joined(separator: " ")
        let finding = RealText.judge(stage, sentence + " " + sentence)
        #expect((finding.metrics["text.top_4gram"] ?? 0) > 0.16, "\(finding.metrics)")
        #expect(finding.reasons.contains { $0.code == "text.top_ngram" })
    }
}
