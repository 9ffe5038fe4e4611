import AssayCore
import Foundation
import ImageCheck
import Testing

/// The content checks (dark, light, blurry, low information) with their shipped defaults, on every
/// PNG under /usr/share/icons and in PngSuite that decodes and passes every other check: together
/// they must reject under 2% of them. Every such file counts as good here, which bounds the
/// false-rejection rate from above (the ones flagged are smooth colour ramps and one-bar icons).
@Suite struct FalseRejectionAuditTests {
    static let contentCodes: Set<String> = ["image.dark", "image.light", "image.blurry", "image.low_information"]

    @Test func theContentChecksRejectUnderTwoPercentOfGoodPictures() throws {
        // Good: passes every check but the content ones, whatever its size (blank images are not good).
        let shipped = ImageCheckOptions()
        var contentOff = Fixture.permissive
        contentOff.blankStddev = shipped.blankStddev
        var contentOn = contentOff
        contentOn.minBrightnessP99 = shipped.minBrightnessP99
        contentOn.maxBrightnessP5 = shipped.maxBrightnessP5
        contentOn.minSharpness = shipped.minSharpness
        contentOn.minEntropy = shipped.minEntropy
        let before = try ImageCheck(options: contentOff), after = try ImageCheck(options: contentOn)
        var report: [String] = []
        var good = 0, rejected = 0
        for (name, root) in [("icons", "/usr/share/icons"), ("PngSuite", Fixture.pngSuite)] {
            var corpusGood = 0, corpusRejected: [String: Int] = [:]
            for path in Magick.pngs(under: root) {
                guard let input = try? Fixture.input(path), try before.analyze(input).reasons.isEmpty else { continue }
                corpusGood += 1
                let codes = Set(try after.analyze(input).codes)
                #expect(codes.isSubset(of: Self.contentCodes), "\(path): \(codes)")
                for code in codes { corpusRejected[code, default: 0] += 1 }
                if !codes.isEmpty { rejected += 1 }
            }
            good += corpusGood
            report.append("\(name): \(corpusGood) good, rejected \(corpusRejected.sorted { $0.key < $1.key })")
        }
        print("false-rejection audit: \(report.joined(separator: "; ")); \(rejected) of \(good)")
        #expect(good >= 150, "PngSuite alone has 161 good files")
        #expect(Double(rejected) < 0.02 * Double(good), "\(report)")
    }
}
