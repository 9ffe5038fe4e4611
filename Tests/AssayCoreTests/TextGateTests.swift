import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The MIME gate of text folders, on real files through a real run: text reaches the text stages
/// whatever subtype libmagic guesses; binaries named `.txt` and UTF-16 are refused with their type;
/// Latin-1 reaches every text stage as UTF-8, Windows-1252 is refused with the iconv command.
@Suite struct TextGateTests {
    static let config = "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-quality\n"
    static let licence = "/usr/share/common-licenses/GPL-3"

    func run(_ folder: TemporaryFolder, config yaml: String = TextGateTests.config) throws -> [String: [String: Any]] {
        let config = try RunFixtures.config(yaml, in: folder)
        return try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl")).1
    }

    func libmagic(_ path: String) throws -> String {
        try BuiltinValidators.sniffer.mimeType(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func proseLibmagicCallsCodeReachesTheTextStages() throws {
        let folder = TemporaryFolder("prose")
        let gpl = try String(contentsOfFile: Self.licence, encoding: .utf8)
        let head = gpl.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n")
        let documents = [
            "c.txt": head + "\n\nA program that uses the library starts with\n#include <stdio.h>\nand then calls its functions.\n",
            "python.txt": head + "\n\nThe example reads\nfrom os import path\nbefore it opens the file.\n",
            "hpgl.txt": "SPEAr configuration notes\n\n" + head + "\n",
        ]
        var guesses: [String: String] = [:]
        for (name, text) in documents {
            let path = try folder.write("net/c1/text/" + name, text: text)
            guesses[name] = try libmagic(path)
        }
        // What libmagic itself says: the guesses the old gate refused.
        #expect(guesses == ["c.txt": "text/x-c", "python.txt": "text/x-script.python", "hpgl.txt": "application/vnd.hp-HPGL"], "\(guesses)")
        let verdicts = try run(folder)
        for name in documents.keys {
            let verdict = verdicts["c1/text/" + name]
            #expect(!RunFixtures.codes(verdict).contains { $0.hasPrefix("intake.") }, "\(name): \(RunFixtures.codes(verdict))")
            #expect(verdict?["mime"] as? String == "text/plain", "\(name)")
            #expect((verdict?["metrics"] as? [String: Any])?["text.score"] != nil, "\(name) was not measured by text-quality")
        }
    }

    @Test func binariesNamedTxtAreRefusedWithTheirRealType() throws {
        let folder = TemporaryFolder("binaries")
        try folder.copy("/bin/ls", to: "net/c1/text/elf.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/c1/text/png.txt")
        try folder.copy(Locations.corpora + "/wav-hound/pcmwaveformat-16bit-44100Hz-mono.wav", to: "net/c1/text/wav.txt")
        // A PDF written in ASCII alone is clean UTF-8, and still a PDF; most carry a binary comment.
        let body = "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        try folder.write("net/c1/text/ascii-pdf.txt", text: "%PDF-1.1\n" + body)
        try folder.write("net/c1/text/pdf.txt", bytes: Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A] + Array(body.utf8))
        var ppm = Array("P6\n16 16\n255\n".utf8)
        for i in 0..<(16 * 16) { ppm += [UInt8(i % 256), UInt8((i * 7) % 256), 128] }
        let source = try folder.write("in.ppm", bytes: ppm)
        #expect(try Shell.run(["cjpeg", "-outfile", folder.url("net/c1/text/jpeg.txt"), source]).status == 0)
        #expect(try Shell.run(["/bin/sh", "-c", "gzip -c '\(Self.licence)' > '\(folder.url("net/c1/text/gzip.txt"))'"]).status == 0)
        #expect(try Shell.run(["zip", "-q", "-j", folder.url("licence.zip"), Self.licence]).status == 0)
        try folder.copy(folder.url("licence.zip"), to: "net/c1/text/zip.txt")
        #expect(try Shell.run(["sqlite3", folder.url("net/c1/text/sqlite.txt"), "CREATE TABLE t(x); INSERT INTO t VALUES ('words');"]).status == 0)
        let verdicts = try run(folder)
        let expected = ["elf": "application/x-", "png": "image/png", "wav": "audio/x-wav", "jpeg": "image/jpeg",
                        "gzip": "application/gzip", "zip": "application/zip", "sqlite": "application/vnd.sqlite3"]
        // PDFs are sniffed as PDFs whatever their name, and judged by their text: these have no page.
        for name in ["pdf", "ascii-pdf"] {
            let verdict = verdicts["c1/text/\(name).txt"]
            #expect(verdict?["mime"] as? String == "application/pdf", "\(name)")
            #expect(RunFixtures.codes(verdict) == ["document.corrupt"], "\(name): \(RunFixtures.codes(verdict))")
        }
        for (name, type) in expected {
            let verdict = verdicts["c1/text/\(name).txt"]
            #expect(verdict?["verdict"] as? String == "refused", "\(name)")
            #expect(RunFixtures.codes(verdict) == ["intake.modality_mismatch"], "\(name)")
            let message = ((verdict?["reasons"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
            #expect(message.contains("the content is " + type), "\(name): \(message)")
        }
    }

    @Test func utf16IsRefusedUnlessAllowedThenDecoded() throws {
        let folder = TemporaryFolder("utf16")
        let utf16 = try Shell.run(["/bin/sh", "-c", "iconv -f UTF-8 -t UTF-16 '\(Self.licence)' > '\(folder.url("utf16.txt"))'"])
        #expect(utf16.status == 0)
        try folder.copy(folder.url("utf16.txt"), to: "net/c1/text/utf16.txt")
        try folder.copy(Self.licence, to: "net/c1/text/utf8.txt")
        let refused = try run(folder)["c1/text/utf16.txt"]
        #expect(RunFixtures.codes(refused) == ["intake.modality_mismatch"])
        let message = ((refused?["reasons"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(message.contains("text in utf-16le"), "\(message)")
        #expect(message.contains("iconv -f UTF-16LE -t UTF-8"), "\(message)")
        #expect(refused?["mime"] as? String == "text/plain; charset=utf-16le")

        // Allowed: the same file reaches text-quality as UTF-8 and is judged as the licence is. A
        // fresh ledger is not needed: the gate's rules are part of the analysis fingerprint.
        let allowing = Self.config.replacingOccurrences(of: "text: {}", with: "text: { encodings: [utf-8, us-ascii, utf-16*] }")
        let verdicts = try run(folder, config: allowing)
        #expect(verdicts["c1/text/utf16.txt"]?["verdict"] as? String == "accepted", "\(RunFixtures.codes(verdicts["c1/text/utf16.txt"]))")
        #expect(verdicts["c1/text/utf8.txt"]?["verdict"] as? String == "accepted")
        let metrics = { (name: String) in verdicts["c1/text/" + name]?["metrics"] as? [String: Double] }
        #expect(metrics("utf16.txt")?["text.words"] == metrics("utf8.txt")?["text.words"])
    }

    /// A real French document (a piece of Debian Reference, debian-reference-fr) in UTF-8.
    static func frenchDocument() throws -> String {
        let text = try Shell.run(["gzip", "-dc", "/usr/share/debian-reference/debian-reference.fr.txt.gz"]).stdout
        let paragraphs = text.components(separatedBy: "\n\n")
        return paragraphs[400..<440].joined(separator: "\n\n") + "\n"
    }

    @Test func latin1IsDecodedForEveryTextStage() throws {
        let folder = TemporaryFolder("latin1")
        try folder.write("net/c1/text/nul.txt", bytes: Array("words and more words".utf8) + [0] + Array(" after the NUL\n".utf8))
        // The French document in ISO-8859-1, made by iconv (its curly apostrophes become straight ones).
        let utf8 = try folder.write("fr-utf8.txt", text: try Self.frenchDocument())
        let latin1 = try Shell.run(["/bin/sh", "-c", "iconv -f UTF-8 -t LATIN1//TRANSLIT '\(utf8)' > '\(folder.url("net/c1/text/a-latin1.txt"))'"])
        #expect(latin1.status == 0)
        // The same text in UTF-8, submitted after it: a copy of what the Latin-1 file says.
        let back = try Shell.run(["/bin/sh", "-c", "iconv -f LATIN1 -t UTF-8 '\(folder.url("net/c1/text/a-latin1.txt"))' > '\(folder.url("net/c1/text/b-utf8.txt"))'"])
        #expect(back.status == 0)
        let config = Self.config + "  - use: text-dedup\n"
        let verdicts = try run(folder, config: config)
        let decoded = verdicts["c1/text/a-latin1.txt"]
        #expect(decoded?["mime"] as? String == "text/plain; charset=iso-8859-1")
        #expect(decoded?["verdict"] as? String == "accepted", "\(RunFixtures.codes(decoded))")
        #expect(RunFixtures.codes(verdicts["c1/text/b-utf8.txt"]) == ["text.dup_exact"])
        #expect(RunFixtures.codes(verdicts["c1/text/nul.txt"]).contains("text.control_chars"))
        #expect(verdicts["c1/text/nul.txt"]?["mime"] as? String == "text/plain")
    }

    @Test func windows1252IsRefusedAtIntakeAndDamagedUTF8IsJudged() throws {
        let folder = TemporaryFolder("cp1252")
        // The UTF-8 document with one byte cut out of a multi-byte letter: damaged UTF-8, not 8-bit text.
        var damaged = Array(try Self.frenchDocument().utf8)
        let cut = try #require(damaged.indices.first { damaged[$0] == 0xC3 })
        damaged.remove(at: cut)
        try folder.write("net/c1/text/damaged.txt", bytes: damaged)
        // Curly apostrophes and guillemets: Windows-1252 puts ’ at 0x92, which libmagic calls unknown-8bit.
        let utf8 = try folder.write("fr-utf8.txt", text: try Self.frenchDocument())
        let converted = try Shell.run(["/bin/sh", "-c", "iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT '\(utf8)' > '\(folder.url("net/c1/text/cp1252.txt"))'"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let verdicts = try run(folder)
        let refused = verdicts["c1/text/cp1252.txt"]
        #expect(refused?["verdict"] as? String == "refused")
        #expect(RunFixtures.codes(refused) == ["intake.modality_mismatch"])
        let message = ((refused?["reasons"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(message.contains("unknown-8bit") && message.contains("iconv -f WINDOWS-1252 -t UTF-8"), "\(message)")
        let judged = verdicts["c1/text/damaged.txt"]
        #expect(RunFixtures.codes(judged) == ["text.encoding"], "\(RunFixtures.codes(judged))")
        let reason = ((judged?["reasons"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(reason.contains("byte offset \(cut)"), "\(reason)")

        // Listed anyway, unknown-8bit is still refused (no stage can read it), and the config warns.
        let listing = Self.config.replacingOccurrences(of: "text: {}", with: "text: { encodings: [utf-8, us-ascii, unknown-8bit] }")
        let config = try RunFixtures.config(listing, in: folder)
        #expect(config.warnings.contains { $0.contains("unknown-8bit") && $0.contains("cannot read") }, "\(config.warnings)")
        let again = try run(folder, config: listing)["c1/text/cp1252.txt"]
        #expect(RunFixtures.codes(again) == ["intake.modality_mismatch"])
    }

    @Test func encodingsIsATextKeyAndABadOneSaysWhere() throws {
        let folder = TemporaryFolder("encodings-config")
        let wrongModality = "version: 1\nmodalities:\n  image: { encodings: [utf-8] }\npipeline:\n  - use: image-check\n"
        #expect { try RunFixtures.config(wrongModality, in: folder) } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.description.contains("assay.yml:3:12") && error.description.contains("unknown key 'encodings'")
        }
        let notACharset = "version: 1\nmodalities:\n  text: { encodings: [text/plain] }\npipeline:\n  - use: text-quality\n"
        #expect { try RunFixtures.config(notACharset, in: folder) } throws: { error in
            (error as? ConfigError)?.description.contains("not a character set") == true
        }
    }
}
