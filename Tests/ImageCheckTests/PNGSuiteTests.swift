import AssayCore
import Foundation
import ImageCheck
import Testing

/// Every one of PngSuite's 175 files: the 14 corrupt x*.png files rejected with the right code,
/// every other file decoded and accepted under a permissive config.
@Suite struct PNGSuiteTests {
    /// What is wrong with each corrupt file (PngSuite.README) and the code it must get.
    static let corrupt: [String: String] = [
        "xc1n0g08.png": "png.ihdr",         // colour type 1
        "xc9n2c08.png": "png.ihdr",         // colour type 9
        "xd0n2c08.png": "png.ihdr",         // bit depth 0
        "xd3n2c08.png": "png.ihdr",         // bit depth 3
        "xd9n2c08.png": "png.ihdr",         // bit depth 99
        "xcsn0g01.png": "png.crc",          // IDAT CRC
        "xhdn0g08.png": "png.crc",          // IHDR CRC
        "xdtn0g01.png": "png.missing_idat", // no IDAT
        "xcrn0g04.png": "png.signature",    // every LF became CR LF
        "xlfn0g04.png": "png.signature",    // every CR LF became LF
        "xs1n0g01.png": "png.signature",    // byte 1: high bit cleared (7-bit channel)
        "xs2n0g01.png": "png.signature",    // byte 2: 'Q' for 'P'
        "xs4n0g01.png": "png.signature",    // byte 4: 'g' for 'G'
        "xs7n0g01.png": "png.signature",    // byte 7: space for Ctrl-Z
    ]

    @Test func theCorpusHasAll175Files() throws {
        let files = try Fixture.pngSuiteFiles()
        #expect(files.count == 175)
        #expect(files.filter { $0.hasPrefix("x") }.sorted() == Self.corrupt.keys.sorted())
    }

    @Test(arguments: try Fixture.pngSuiteFiles())
    func eachFile(_ name: String) throws {
        let stage = try Fixture.stage(Fixture.permissive)
        let finding = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/" + name))
        if let code = Self.corrupt[name] {
            #expect(finding.codes == [code], "\(name): \(finding.reasons.map(\.message))")
            #expect(finding.fingerprint == nil)
        } else {
            #expect(finding.codes == [], "\(name): \(finding.reasons.map(\.message))")
            #expect(finding.fingerprint is ImageFingerprint)
            #expect(finding.metrics["png.warnings"] == 0)
            #expect((finding.metrics["image.width"] ?? 0) >= 1)
        }
    }

    @Test func corruptHeadersSayWhatIsWrong() throws {
        let stage = try Fixture.stage(Fixture.permissive)
        let depth = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/xd9n2c08.png"))
        #expect(depth.reasons.first?.message.contains("Invalid bit depth") == true)
        let type = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/xc1n0g08.png"))
        #expect(type.reasons.first?.message.contains("Invalid color type") == true)
        let crc = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/xcsn0g01.png"))
        #expect(crc.reasons.first?.message.contains("IDAT") == true)
    }

    @Test func headerFactsMatchTheFileNames() throws {
        // PngSuite names encode the format: basn2c16 = non-interlaced, colour type 2, 16 bits.
        let stage = try Fixture.stage(Fixture.permissive)
        for name in ["basn0g01.png", "basi3p04.png", "basn2c16.png", "basi4a08.png", "basn6a16.png"] {
            let m = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/" + name)).metrics
            let chars = Array(name)
            #expect(m["png.interlaced"] == (chars[3] == "i" ? 1 : 0), "\(name)")
            #expect(m["png.color_type"] == Double(String(chars[4])), "\(name)")
            #expect(m["png.bit_depth"] == Double(String(chars[6...7])), "\(name)")
            #expect(m["image.width"] == 32 && m["image.height"] == 32, "\(name)")
        }
    }

    @Test func defaultsRejectImagesUnder32Pixels() throws {
        let stage = try Fixture.stage()
        let tiny = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/s01n3p01.png"))
        #expect(tiny.codes == ["image.too_small", "image.blank"]) // one pixel has no variation
        #expect(tiny.reasons.first?.value == 1 && tiny.reasons.first?.limit == 32)
        let ok = try stage.analyze(try Fixture.input(Fixture.pngSuite + "/basn2c08.png"))
        #expect(ok.codes == [])
    }

    /// Same pixels in another encoding: interlaced, other filters, other compression levels, other
    /// bit depths or colour types that decode to the same 8-bit RGBA. Files judged in name order;
    /// the first of each group is admitted, every later one points at it.
    static let duplicates: [String: String] = [
        "basn0g01.png": "basi0g01.png", "basn0g02.png": "basi0g02.png", "basn0g04.png": "basi0g04.png",
        "basn0g08.png": "basi0g08.png", "ps1n0g08.png": "basi0g08.png", "ps2n0g08.png": "basi0g08.png",
        "basn0g16.png": "basi0g16.png", "oi1n0g16.png": "basi0g16.png", "oi2n0g16.png": "basi0g16.png",
        "oi4n0g16.png": "basi0g16.png", "oi9n0g16.png": "basi0g16.png",
        "basn2c08.png": "basi2c08.png",
        "basn2c16.png": "basi2c16.png", "oi1n2c16.png": "basi2c16.png", "oi2n2c16.png": "basi2c16.png",
        "oi4n2c16.png": "basi2c16.png", "oi9n2c16.png": "basi2c16.png", "pp0n2c16.png": "basi2c16.png",
        "ps1n2c16.png": "basi2c16.png", "ps2n2c16.png": "basi2c16.png",
        "basn3p01.png": "basi3p01.png", "basn3p02.png": "basi3p02.png",
        "basn3p04.png": "basi3p04.png", "ch1n3p04.png": "basi3p04.png",
        "basn3p08.png": "basi3p08.png", "ch2n3p08.png": "basi3p08.png",
        "basn4a08.png": "basi4a08.png", "bgai4a08.png": "basi4a08.png", "bgbn4a08.png": "basi4a08.png",
        "basn4a16.png": "basi4a16.png", "bgai4a16.png": "basi4a16.png", "bggn4a16.png": "basi4a16.png",
        "basn6a08.png": "basi6a08.png", "bgan6a08.png": "basi6a08.png", "bgwn6a08.png": "basi6a08.png",
        "basn6a16.png": "basi6a16.png", "bgan6a16.png": "basi6a16.png", "bgyn6a16.png": "basi6a16.png",
        "cm7n0g04.png": "cm0n0g04.png", "cm9n0g04.png": "cm0n0g04.png", "ct0n0g04.png": "cm0n0g04.png",
        "ct1n0g04.png": "cm0n0g04.png", "ctzn0g04.png": "cm0n0g04.png",
        "cs8n2c08.png": "cs3n2c16.png", "cs8n3p08.png": "cs3n2c16.png", "cs5n3p08.png": "cs5n2c08.png",
        "s01n3p01.png": "s01i3p01.png", "s02n3p01.png": "s02i3p01.png", "s03n3p01.png": "s03i3p01.png",
        "s04n3p01.png": "s04i3p01.png", "s05n3p02.png": "s05i3p02.png", "s06n3p02.png": "s06i3p02.png",
        "s07n3p02.png": "s07i3p02.png", "s08n3p02.png": "s08i3p02.png", "s09n3p02.png": "s09i3p02.png",
        "s32n3p04.png": "s32i3p04.png", "s33n3p04.png": "s33i3p04.png", "s34n3p04.png": "s34i3p04.png",
        "s35n3p04.png": "s35i3p04.png", "s36n3p04.png": "s36i3p04.png", "s37n3p04.png": "s37i3p04.png",
        "s38n3p04.png": "s38i3p04.png", "s39n3p04.png": "s39i3p04.png", "s40n3p04.png": "s40i3p04.png",
        "tbgn2c16.png": "tbbn2c16.png", "tbrn2c08.png": "tbbn2c16.png",
        "tbgn3p08.png": "tbbn3p08.png", "tbwn3p08.png": "tbbn3p08.png", "tbyn3p08.png": "tbbn3p08.png",
        "tp1n3p08.png": "tbbn3p08.png",
        "z03n2c08.png": "z00n2c08.png", "z06n2c08.png": "z00n2c08.png", "z09n2c08.png": "z00n2c08.png",
    ]

    @Test func exactDuplicatesAcrossEncodings() throws {
        var options = Fixture.permissive
        options.exactDuplicates = true
        let pipeline = StageRun(stage: try Fixture.stage(options))
        var found: [String: String] = [:]
        for name in try Fixture.pngSuiteFiles() where Self.corrupt[name] == nil {
            let input = try Fixture.input(Fixture.pngSuite + "/" + name)
            let (codes, duplicateOf, _) = try pipeline.judge(input)
            if let duplicateOf {
                #expect(codes == ["image.dup_exact"])
                found[name] = (duplicateOf.path as NSString).lastPathComponent
            }
        }
        #expect(found == Self.duplicates)
        #expect(pipeline.index.count == 161 - Self.duplicates.count)
    }
}
