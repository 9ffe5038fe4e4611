import AssayCore
import Foundation
import Testing
import TextQuality

/// `text.encoding` and `text.control_chars` on real files and on copies converted with iconv
/// or edited byte by byte.
@Suite struct EncodingTests {
    let stage: TextQuality
    let gplBytes: [UInt8]
    /// A real copyright file with a few Latin-1 letters (names with accents).
    let accented = "/usr/share/doc/libcrypt-dev/copyright"

    init() throws {
        stage = try TextQuality(options: TextQualityOptions())
        gplBytes = try RealText.bytes("/usr/share/common-licenses/GPL-3")
    }

    func codes(_ finding: Finding) -> [String] { finding.reasons.map(\.code) }

    @Test("the GPL is UTF-8 and passes every default rule")
    func utf8Passes() {
        let finding = stage.judge(gplBytes, markdown: false)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        #expect((finding.metrics["text.score"] ?? 0) >= 0.5)
    }

    @Test("a UTF-8 byte-order mark is fine and not counted as text")
    func byteOrderMark() {
        let plain = stage.judge(gplBytes, markdown: false)
        let marked = stage.judge([0xEF, 0xBB, 0xBF] + gplBytes, markdown: false)
        #expect(marked.reasons.isEmpty)
        #expect(marked.metrics == plain.metrics)
    }

    @Test("UTF-16 with and without a byte-order mark is not UTF-8", arguments: ["UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"])
    func utf16(encoding: String) throws {
        let converted = try RealText.run(["iconv", "-f", "UTF-8", "-t", encoding, "/usr/share/common-licenses/GPL-3"])
        let finding = stage.judge(converted, markdown: false)
        #expect(codes(finding) == ["text.encoding"])
        let message = try #require(finding.reasons.first?.message)
        #expect(message.contains("UTF-16") || message.contains("UTF-32"), "\(message)")
        #expect(finding.metrics["text.score"] == 0)
    }

    @Test("Latin-1 is not UTF-8: the first accented letter is the bad byte")
    func latin1() throws {
        let original = try RealText.bytes(accented)
        #expect(stage.judge(original, markdown: false).reasons.allSatisfy { $0.code != "text.encoding" })
        let latin1 = try RealText.run(["iconv", "-f", "UTF-8", "-t", "LATIN1", accented])
        let finding = stage.judge(latin1, markdown: false)
        #expect(codes(finding) == ["text.encoding"])
        let firstHigh = try #require(latin1.firstIndex { $0 >= 0x80 })
        #expect(finding.reasons.first?.value == .number(Double(firstHigh)))
        #expect(finding.reasons.first?.message.contains("Latin-1") == true)
    }

    @Test("broken sequences: truncated, overlong, surrogate, above U+10FFFF, stray continuation")
    func malformed() throws {
        let original = try RealText.bytes(accented)
        let at = try #require(original.firstIndex { $0 >= 0xC0 })  // the lead byte of the first accented letter
        let cases: [[UInt8]] = [
            Array(original[..<(at + 1)]) + Array(original[(at + 2)...]),  // lead byte without its continuation
            Array(original[..<at]) + [0xC0, 0xAF] + Array(original[at...]),  // overlong '/'
            Array(original[..<at]) + [0xED, 0xA0, 0x80] + Array(original[at...]),  // UTF-16 surrogate D800
            Array(original[..<at]) + [0xF4, 0x90, 0x80, 0x80] + Array(original[at...]),  // U+110000
            Array(original[..<at]) + [0x80] + Array(original[at...]),  // continuation byte alone
        ]
        for bytes in cases {
            let finding = stage.judge(bytes, markdown: false)
            #expect(codes(finding) == ["text.encoding"])
            #expect(finding.reasons.first?.value == .number(Double(at)))
        }
    }

    @Test("form feeds in the LGPL-2.1 are control characters unless allowed; the limit is a count")
    func formFeeds() throws {
        let lgpl = try RealText.bytes("/usr/share/common-licenses/LGPL-2.1")
        let formFeeds = lgpl.filter { $0 == 0x0C }.count
        #expect(formFeeds == 9)
        let strict = stage.judge(lgpl, markdown: false)
        #expect(codes(strict) == ["text.control_chars"])
        #expect(strict.reasons.first?.value == .number(9))
        #expect(strict.reasons.first?.limit == .number(0))
        #expect(strict.reasons.first?.message.contains("U+000C") == true)

        var allow = TextQualityOptions()
        allow.allowFormFeed = true
        #expect(try TextQuality(options: allow).judge(lgpl, markdown: false).reasons.isEmpty)

        var inside = TextQualityOptions()
        inside.maxControlChars = 9
        #expect(try TextQuality(options: inside).judge(lgpl, markdown: false).reasons.isEmpty)
        var outside = TextQualityOptions()
        outside.maxControlChars = 8
        #expect(codes(try TextQuality(options: outside).judge(lgpl, markdown: false)) == ["text.control_chars"])
    }

    @Test("NUL, escape sequences, DEL and C1 controls inserted into the GPL", arguments: [
        ([0x00], "U+0000"), ([0x1B, 0x5B, 0x31, 0x6D], "U+001B"), ([0x7F], "U+007F"), ([0xC2, 0x85], "U+0085"),
    ] as [([UInt8], String)])
    func controls(inserted: [UInt8], name: String) throws {
        let at = gplBytes.count / 2
        let edited = Array(gplBytes[..<at]) + inserted + Array(gplBytes[at...])
        let finding = stage.judge(edited, markdown: false)
        #expect(codes(finding) == ["text.control_chars"])
        #expect(finding.reasons.first?.value == .number(1))
        #expect(finding.reasons.first?.message.contains(name) == true)
        #expect(finding.reasons.first?.message.contains("byte offset \(at)") == true)
        #expect(finding.metrics["text.control_chars"] == 1)
    }

    @Test("tab, CR and LF are not control characters: the GPL with CRLF line ends and tabs passes")
    func allowedControls() {
        var edited: [UInt8] = []
        for byte in gplBytes {
            if byte == 0x0A { edited += [0x0D, 0x0A] } else if byte == 0x20, edited.last == 0x0A { edited.append(0x09) } else { edited.append(byte) }
        }
        let finding = stage.judge(edited, markdown: false)
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        let plain = stage.judge(gplBytes, markdown: false)
        // CR is not part of a line: the line rules see the same lines.
        #expect(finding.metrics["text.dup_lines"] == plain.metrics["text.dup_lines"])
        #expect(finding.metrics["text.terminal_punct_lines"] == plain.metrics["text.terminal_punct_lines"])
    }
}
