import AssayCore
import AssayTestSupport
import Foundation
import ImageCheck
import Testing

/// Dark, light, blurry and low-information pictures, made with ImageMagick from real pictures:
/// each bad copy is caught with the shipped defaults while its original passes, and each limit
/// holds at, just inside and just outside the value the bad copy measures.
@Suite struct ContentCheckTests {
    /// One check: the option it reads, the metric it compares, and how to make a picture that fails it.
    struct Check: Sendable, CustomStringConvertible {
        let code: String
        let metric: String
        /// The option's key path; `isMinimum`: the value must be at least the limit.
        let option: WritableKeyPath<ImageCheckOptions, Double?> & Sendable
        let isMinimum: Bool
        /// convert arguments applied to the 256-px original.
        let spoil: [String]
        /// Built-in pictures spoiled: the rose, a photograph, fades to blank when washed out.
        var pictures = ["rose", "wizard", "logo"]
        /// Another check of the same code, switched off so this one is seen alone.
        var without: (WritableKeyPath<ImageCheckOptions, Double?> & Sendable)?
        var description: String { "\(code) by \(metric)" }

        /// `base` with the other check of the same code switched off.
        func alone(_ base: ImageCheckOptions) -> ImageCheckOptions {
            var options = base
            if let without { options[keyPath: without] = nil }
            return options
        }
    }

    static let checks: [Check] = [
        Check(code: "image.dark", metric: "image.brightness_p99", option: \.minBrightnessP99, isMinimum: true,
              spoil: ["-brightness-contrast", "-75x0"]),
        Check(code: "image.light", metric: "image.brightness_p5", option: \.maxBrightnessP5, isMinimum: false,
              spoil: ["-brightness-contrast", "80x0"], pictures: ["wizard", "logo"]),
        Check(code: "image.blurry", metric: "image.sharpness", option: \.minSharpness, isMinimum: true,
              spoil: ["-blur", "0x8"], without: \ImageCheckOptions.maxEdgeWidth),
        Check(code: "image.blurry", metric: "image.edge_width", option: \.maxEdgeWidth, isMinimum: false,
              spoil: ["-blur", "0x8"], without: \ImageCheckOptions.minSharpness),
    ]

    /// Shipped defaults with duplicates off, so one folder of variants can be judged file by file.
    static var defaults: ImageCheckOptions {
        var options = ImageCheckOptions()
        options.exactDuplicates = false
        options.nearDuplicates = false
        return options
    }

    private func analyze(_ path: String, _ options: ImageCheckOptions = Self.defaults) throws -> Finding {
        try Fixture.stage(options).analyze(try Fixture.input(path))
    }

    @Test(arguments: checks)
    func theSpoiledCopyIsCaughtAndTheOriginalPasses(_ check: Check) throws {
        let folder = TemporaryFolder()
        // The rose is a photograph, the wizard and the logo are drawings.
        for picture in check.pictures {
            let original = try Magick.original(picture, to: folder.url("\(picture).png"))
            let spoiled = folder.url("\(picture)-spoiled.png")
            try Magick.convert([original] + check.spoil + [spoiled])
            #expect(try analyze(original, check.alone(Self.defaults)).codes == [], "\(picture)")
            let finding = try analyze(spoiled, check.alone(Self.defaults))
            #expect(finding.codes == [check.code], "\(picture): \(finding.reasons.map(\.message))")
            let reason = try #require(finding.reasons.first)
            #expect(reason.value == .number(try #require(finding.metrics[check.metric])))
        }
    }

    @Test(arguments: checks)
    func theLimitHoldsAtJustInsideAndJustOutsideTheMeasuredValue(_ check: Check) throws {
        let folder = TemporaryFolder()
        let original = try Magick.original(check.pictures[0], to: folder.url("original.png"))
        let spoiled = folder.url("spoiled.png")
        try Magick.convert([original] + check.spoil + [spoiled])
        var off = Fixture.permissive
        off[keyPath: check.option] = nil
        let value = try #require(try analyze(spoiled, off).metrics[check.metric])
        func codes(limit: Double) throws -> [String] {
            var options = Fixture.permissive
            options[keyPath: check.option] = limit
            return try analyze(spoiled, options).codes
        }
        let step = 0.001
        #expect(try codes(limit: value) == [], "at the limit the file passes")
        #expect(try codes(limit: check.isMinimum ? value - step : value + step) == [], "just inside")
        #expect(try codes(limit: check.isMinimum ? value + step : value - step) == [check.code], "just outside")
    }

    @Test func aNearSolidFillIsLowInformationAndItsLimitHolds() throws {
        let folder = TemporaryFolder()
        // Grey with one small dark square: 0.15% of the pixels, too varied to be blank.
        let fill = folder.url("fill.png")
        try Magick.convert(["-size", "256x256", "xc:gray60", "-fill", "gray10", "-draw", "rectangle 100,100 109,109", fill])
        let finding = try analyze(fill)
        #expect(finding.codes == ["image.low_information"], "\(finding.reasons.map(\.message))")
        let entropy = try #require(finding.metrics["image.entropy"])
        #expect(entropy < 0.1)
        var options = Fixture.permissive
        options.minEntropy = entropy
        #expect(try analyze(fill, options).codes == [])
        options.minEntropy = entropy - 0.001
        #expect(try analyze(fill, options).codes == [])
        options.minEntropy = entropy + 0.001
        #expect(try analyze(fill, options).codes == ["image.low_information"])
        // A single flat colour is blank, and only blank.
        let solid = folder.url("solid.png")
        try Magick.convert(["-size", "256x256", "xc:navy", solid])
        #expect(try analyze(solid).codes == ["image.blank"])
    }

    @Test func aTransparentBackgroundIsNeitherDarkNorLight() throws {
        // A dark glyph and a white glyph on transparency: shown on the background that suits them.
        let folder = TemporaryFolder()
        let dark = folder.url("dark-glyph.png"), light = folder.url("light-glyph.png")
        try Magick.convert(["-size", "128x128", "xc:none", "-fill", "#202020", "-draw", "circle 64,64 64,20", dark])
        try Magick.convert(["-size", "128x128", "xc:none", "-fill", "white", "-draw", "circle 64,64 64,20", light])
        for path in [dark, light] {
            let finding = try analyze(path)
            #expect(!finding.codes.contains("image.dark") && !finding.codes.contains("image.light"), "\(path): \(finding.codes)")
        }
    }

    @Test func aGreyPictureStoredAsColourIsMeasured() throws {
        let folder = TemporaryFolder()
        let colour = try Magick.original("rose", to: folder.url("rose.png"))
        let greyAsColour = folder.url("grey-rgb.png"), grey = folder.url("grey.png")
        try Magick.convert([colour, "-colorspace", "Gray", "-type", "TrueColor", "PNG24:" + greyAsColour])
        try Magick.convert([colour, "-colorspace", "Gray", grey])
        let stored = try analyze(greyAsColour)
        #expect(stored.metrics["png.color_type"] == 2)
        #expect(stored.metrics["image.gray_as_color"] == 1)
        #expect(stored.metrics["image.chroma_max"] ?? 99 <= 2)
        #expect(try analyze(colour).metrics["image.gray_as_color"] == 0)
        #expect((try analyze(colour).metrics["image.chroma_max"] ?? 0) > 50)
        let greyType = try analyze(grey).metrics["png.color_type"]
        #expect(greyType == 0 || greyType == 4, "ImageMagick stores a grey picture as grey")
        #expect(try analyze(grey).metrics["image.gray_as_color"] == 0)
        #expect(stored.codes == [], "a metric, not a rejection")
    }

    @Test func sharpnessDoesNotDependOnTheImageSize() throws {
        // The same drawing at 128, 256 and 1024 px, and its blurred copy at each size.
        let folder = TemporaryFolder()
        var sharp: [Double] = [], blurred: [Double] = []
        for size in [128, 256, 1024] {
            let original = try Magick.original("wizard", to: folder.url("w\(size).png"), size: size)
            let blur = folder.url("w\(size)-blur.png")
            try Magick.convert([original, "-blur", "0x\(size / 32)", blur])
            sharp.append(try #require(try analyze(original).metrics["image.sharpness"]))
            blurred.append(try #require(try analyze(blur).metrics["image.sharpness"]))
        }
        let limit = try #require(ImageCheckOptions().minSharpness)
        #expect(sharp.allSatisfy { $0 > 2 * limit }, "\(sharp)")
        #expect(blurred.allSatisfy { $0 < limit }, "\(blurred)")
    }
}
