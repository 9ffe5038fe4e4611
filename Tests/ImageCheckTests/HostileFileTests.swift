import AssayCore
import Foundation
import ImageCheck
import Testing

/// Hostile and damaged files made at test time: each rejected with its own code, under defaults.
@Suite struct HostileFileTests {
    static let expected: [(file: String, code: String)] = [
        ("bomb_30000.png", "image.too_large"),
        ("bad_ancillary_crc.png", "png.crc"),
        ("truncated_idat.png", "png.truncated"),
        ("broken_zlib.png", "png.zlib"),
        ("bad_adler.png", "png.zlib"),
        ("missing_iend.png", "png.missing_iend"),
        ("trailing_zip.png", "image.trailing_data"),
        ("ztxt_bomb.png", "image.metadata_size"),
        ("big_text.png", "image.metadata_size"),
        ("many_text.png", "image.metadata_size"),
        ("bad_filter.png", "png.filter"),
        ("short_data.png", "png.idat_short"),
        ("extra_data.png", "png.idat_extra"),
        ("plte_after_idat.png", "png.chunk_order"),
        ("idat_first.png", "png.chunk_order"),
        ("unknown_critical.png", "png.chunk"),
        ("animated.png", "image.animated"),
        ("forged_tEXt.png", "png.truncated"),
        ("forged_zTXt.png", "png.truncated"),
        ("forged_iTXt.png", "png.truncated"),
        ("forged_sPLT.png", "png.truncated"),
        ("empty.png", "png.signature"),
        ("half_signature.png", "png.truncated"),
        ("jpeg.png", "jpeg.truncated"),
        ("elf.png", "png.signature"),
        ("blank_grey.png", "image.blank"),
        ("blank_transparent.png", "image.blank"),
    ]

    @Test(arguments: expected.map(\.file))
    func rejectedWithItsCode(_ file: String) throws {
        let code = Self.expected.first { $0.file == file }?.code
        let finding = try Fixture.stage().analyze(try Fixture.input(HostileFiles.path(file)))
        #expect(finding.codes == [code].compactMap { $0 }, "\(file): \(finding.reasons.map(\.message))")
    }

    @Test(arguments: ["good.png", "logo_on_transparent.png", "exif.png", "odd_gama.png", "near_copy.png", "other.png"])
    func acceptedUnderDefaults(_ file: String) throws {
        let finding = try Fixture.stage().analyze(try Fixture.input(HostileFiles.path(file)))
        #expect(finding.codes == [], "\(file): \(finding.reasons.map(\.message))")
    }

    @Test func theBombIsRefusedFromItsHeader() throws {
        let input = try Fixture.input(HostileFiles.path("bomb_30000.png"))
        #expect(input.bytes.count < 1_000_000)
        // Under defaults libpng's user limit (max_width 20000) refuses the header itself.
        let finding = try Fixture.stage().analyze(input)
        let reason = try #require(finding.reasons.first)
        #expect(reason.value == 30000 && reason.limit == 20000)
        #expect(finding.metrics["image.width"] == 30000 && finding.metrics["image.height"] == 30000)
        // With sides allowed, the pixel budget refuses it right after the header.
        var options = ImageCheckOptions()
        options.maxWidth = 30000
        options.maxHeight = 30000
        let budget = try Fixture.stage(options).analyze(input)
        #expect(budget.codes == ["image.too_large"])
        #expect(budget.reasons.first?.value == 900_000_000 && budget.reasons.first?.limit == 40_000_000)
    }

    @Test func theDecoderReadsOnlyTheHeaderOfTheBomb() {
        let bytes = (try? Fixture.input(HostileFiles.path("bomb_30000.png")).bytes) ?? []
        let limits = PNGDecodeLimits(maxWidth: 100_000, maxHeight: 100_000, maxPixels: 40_000_000, chunkCacheMax: 100,
                                     chunkMallocMax: 1_000_000, ancillaryCRCFatal: true)
        let d = PNGDecoder.decode(bytes, limits: limits)
        #expect(d.status == .tooLarge)
        #expect(d.consumed < 100, "read \(d.consumed) bytes")
    }

    /// libpng allocates an ancillary chunk's declared length before reading it: the shim's own
    /// walk must refuse a chunk that runs past the end before libpng is called at all.
    @Test(arguments: ["forged_tEXt.png", "forged_zTXt.png", "forged_iTXt.png", "forged_sPLT.png"])
    func aForgedChunkLengthNeverReachesLibpng(_ file: String) throws {
        let bytes = try Fixture.input(HostileFiles.path(file)).bytes
        #expect(bytes.count == 64)
        let limits = PNGDecodeLimits(maxWidth: 100_000, maxHeight: 100_000, maxPixels: 40_000_000, chunkCacheMax: 100,
                                     chunkMallocMax: 1 << 31, ancillaryCRCFatal: true)
        let d = PNGDecoder.decode(bytes, limits: limits)
        #expect(d.status == .truncated)
        #expect(d.consumed == 0, "libpng read \(d.consumed) bytes")
        #expect(d.message.contains("declares 2147483647 data bytes"), "\(d.message)")
    }

    @Test func ancillaryCRCCanBeAWarning() throws {
        var options = ImageCheckOptions()
        options.ancillaryCRCFatal = false
        let finding = try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("bad_ancillary_crc.png")))
        #expect(finding.codes == [])
        #expect(finding.metrics["png.warnings"] == 1)
        // A critical chunk's CRC stays fatal.
        let critical = try Fixture.stage(options).analyze(try Fixture.input(Fixture.pngSuite + "/xcsn0g01.png"))
        #expect(critical.codes == ["png.crc"])
    }

    @Test func trailingDataIsMeasured() throws {
        let input = try Fixture.input(HostileFiles.path("trailing_zip.png"))
        let rejected = try Fixture.stage().analyze(input)
        #expect(rejected.reasons.first?.value == 30)
        var options = ImageCheckOptions()
        options.rejectTrailingData = false
        let accepted = try Fixture.stage(options).analyze(input)
        #expect(accepted.codes == [])
        #expect(accepted.metrics["image.trailing_bytes"] == 30)
    }

    @Test func metadataBudgets() throws {
        let big = try Fixture.stage().analyze(try Fixture.input(HostileFiles.path("big_text.png")))
        #expect(big.reasons.first?.value == 2_000_008 && big.reasons.first?.limit == 1_000_000)
        var options = ImageCheckOptions()
        options.maxMetadataBytes = 3_000_000
        options.maxMetadataChunks = 1000
        #expect(try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("big_text.png"))).codes == [])
        #expect(try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("many_text.png"))).codes == [])
        // 50 MB of inflated text stays over a 3 MB budget: libpng stops inflating at the limit.
        let bomb = try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("ztxt_bomb.png")))
        #expect(bomb.codes == ["image.metadata_size"])
    }

    /// One budget for all the metadata of a file: 255 zTXt chunks, each under the per-chunk
    /// limit, are over it together, and are refused before libpng inflates any (issue 26, item 4).
    @Test func metadataIsBudgetedPerFileNotPerChunk() throws {
        var options = ImageCheckOptions()
        options.maxMetadataChunks = 1000
        let finding = try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("ztxt_many.png")))
        #expect(finding.codes == ["image.metadata_size"])
        #expect(finding.reasons.first?.message.contains("in total") == true)
    }

    /// Two gigabytes of deflated zeros after the last row are not inflated (issue 26, item 4).
    @Test func imageDataAfterTheLastRowIsNotInflated() throws {
        let finding = try Fixture.stage().analyze(try Fixture.input(HostileFiles.path("idat_zeros_after.png")))
        #expect(finding.codes == ["png.idat_extra"])
        #expect(finding.reasons.first?.message.contains("the rest was not inflated") == true)
    }

    @Test func exifIsRecordedAndOptionallyRejected() throws {
        let input = try Fixture.input(HostileFiles.path("exif.png"))
        let finding = try Fixture.stage().analyze(input)
        #expect(finding.metrics["image.exif"] == 1 && finding.metrics["png.exif_bytes"] == 10)
        var options = ImageCheckOptions()
        options.rejectExif = true
        #expect(try Fixture.stage(options).analyze(input).codes == ["image.exif"])
        #expect(try Fixture.stage().analyze(try Fixture.input(HostileFiles.path("good.png"))).metrics["image.exif"] == 0)
    }

    @Test func animationCanBeAllowed() throws {
        var options = ImageCheckOptions()
        options.rejectAnimated = false
        let finding = try Fixture.stage(options).analyze(try Fixture.input(HostileFiles.path("animated.png")))
        #expect(finding.codes == [])
        #expect(finding.metrics["image.animated"] == 1)
    }

    @Test func warningsAreCountedOrFatal() throws {
        let input = try Fixture.input(HostileFiles.path("odd_gama.png"))
        #expect(try Fixture.stage().analyze(input).metrics["png.warnings"] == 1)
        var options = ImageCheckOptions()
        options.warningsFatal = true
        let finding = try Fixture.stage(options).analyze(input)
        #expect(finding.codes == ["png.warning"])
        #expect(finding.reasons.first?.message.contains("gAMA") == true)
    }

    @Test func blankTakesAlphaIntoAccount() throws {
        let stage = try Fixture.stage()
        let transparent = try stage.analyze(try Fixture.input(HostileFiles.path("blank_transparent.png")))
        #expect(transparent.metrics["image.alpha_mean"] == 0)
        let logo = try stage.analyze(try Fixture.input(HostileFiles.path("logo_on_transparent.png")))
        #expect((logo.metrics["image.luma_stddev"] ?? 0) > 100)
        var off = ImageCheckOptions()
        off.blankStddev = 0
        // Without the blank check, a flat grey still carries no information.
        #expect(try Fixture.stage(off).analyze(try Fixture.input(HostileFiles.path("blank_grey.png"))).codes == ["image.low_information"])
    }

    @Test func shapeAndFormatPolicies() throws {
        let strip = try Fixture.input(HostileFiles.path("strip.png"))
        // A smooth ramp: its edges are wide at viewing size, which is not what this test is about.
        var options = ImageCheckOptions()
        options.maxEdgeWidth = nil
        var shape = options
        shape.minHeight = 1
        shape.maxAspectRatio = 10
        let wide = try Fixture.stage(shape).analyze(strip)
        #expect(wide.codes == ["image.aspect_ratio"])
        #expect(wide.reasons.first?.value == 20 && wide.reasons.first?.limit == 10)
        #expect(try Fixture.stage(options).analyze(strip).codes == ["image.too_small"])

        var formats = Fixture.permissive
        formats.bitDepths = ["8"]
        formats.colorTypes = ["rgb", "rgba"]
        formats.allowInterlaced = false
        let stage = try Fixture.stage(formats)
        #expect(try stage.analyze(try Fixture.input(Fixture.pngSuite + "/basn0g16.png")).codes == ["png.bit_depth", "png.color_type"])
        #expect(try stage.analyze(try Fixture.input(Fixture.pngSuite + "/basi2c08.png")).codes == ["png.interlaced"])
        #expect(try stage.analyze(try Fixture.input(Fixture.pngSuite + "/basn3p08.png")).codes == ["png.color_type"])
        #expect(try stage.analyze(try Fixture.input(Fixture.pngSuite + "/basn6a08.png")).codes == [])

        var narrow = ImageCheckOptions()
        narrow.maxWidth = 50
        let tooWide = try Fixture.stage(narrow).analyze(try Fixture.input(HostileFiles.path("good.png")))
        #expect(tooWide.codes == ["image.too_large"])
        #expect(tooWide.reasons.first?.value == 64 && tooWide.reasons.first?.limit == 50)
    }
}
