import AssayCore
import AssayReports
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The report of a real run: self-contained HTML and the same numbers in JSON.
@Suite struct ReportTests {
    @Test func reportOfARealRun() throws {
        let folder = TemporaryFolder("report")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/bob/text/gpl-again.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "net/bob/image/rgb.png")
        try folder.copy("/bin/ls", to: "net/carol/image/<script>.png")
        try folder.write("net/carol/text/empty.txt", bytes: [])
        let config = try RunFixtures.config("version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n", in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        let ledger = try Ledger(path: config.ledger)
        let data = try ReportBuilder().build(from: ledger, runID: nil)
        #expect(data.total == 5)
        #expect(data.funnel.first?.stage == "intake" && data.funnel.first?.remaining == 3)
        #expect(data.problems.count == 2)
        #expect(data.topReasons.map(\.code).contains("intake.modality_mismatch"))
        #expect(data.leaderboard.count == 3)
        let html = HTMLReport.render(data)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"), "no scripts, and file names are escaped")
        #expect(html.contains("&lt;script&gt;.png"))
        #expect(!html.contains("src=") && !html.contains("href="), "nothing loaded from elsewhere")
        let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.encode(data).utf8)) as? [String: Any]
        #expect(json?["total"] as? Int == 5)
        #expect((json?["leaderboard"] as? [[String: Any]])?.first?.keys.sorted() == ["accepted", "contributor", "copies_of_others", "mostly_copies", "rank", "rate", "refused", "rejected", "score"])
        let byRun = try ReportBuilder().build(from: ledger, runID: 1)
        #expect(byRun.total == 5)
    }

    /// Real text files: `count` per contributor for `contributors`, a third too short to pass. The
    /// top n-gram rules are off: they reject only a handful of these slices (a pair of words the
    /// GPL repeats), a group that stays under the 20 examples shown at one size and not at the next.
    func textDatanet(_ folder: TemporaryFolder, contributors: Int, count: Int) throws -> AssayConfig {
        let words = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8).split(whereSeparator: \.isWhitespace)
        for c in 0..<contributors {
            for i in 0..<count {
                let start = (c * 7_919 + i * 104_729) % (words.count - 400)
                let length = i % 3 == 0 ? 20 : 300
                try folder.write("net/person-\(c)/text/doc-\(i).txt", text: words[start..<(start + length)].joined(separator: " ") + ".\n")
            }
        }
        return try RunFixtures.config("""
            version: 1
            limits: { quotas: false }
            modalities: { text: {} }
            pipeline: [ { use: text-quality, with: { max_top_2gram: null, max_top_3gram: null, max_top_4gram: null } }, { use: text-dedup } ]
            """, in: folder)
    }

    @Test func groupsAreBoundedSoThePageDoesNotGrowWithTheDatanet() throws {
        var sizes: [Int] = []
        for count in [90, 360] {
            let folder = TemporaryFolder("report-bound-\(count)")
            let config = try textDatanet(folder, contributors: 4, count: count)
            _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
            let data = try ReportBuilder(codes: BuiltinValidators.registry.reasonCodes).build(from: try Ledger(path: config.ledger), runID: nil)
            #expect(data.total == 4 * count)
            let words = try #require(data.reasonGroups.first { $0.code == "text.word_count" })
            #expect(words.files == 4 * ((count + 2) / 3), "every third file is too short")
            #expect(words.examples.count == min(20, words.files))
            #expect(words.contributors.count == 4 && words.hint.contains("complete document"))
            #expect(data.reasonGroups.allSatisfy { $0.examples.count <= 20 })
            #expect(data.problems.count + data.problemsOmitted == data.total - (data.verdicts[.accepted] ?? 0))
            sizes.append(HTMLReport.render(data).utf8.count)
        }
        // Four times the files, nearly the same page: only counts and histogram bars change.
        #expect(Double(sizes[1]) < Double(sizes[0]) * 1.15, "\(sizes)")
    }

    @Test func eachModalityHasItsOwnFunnelThroughItsOwnStages() throws {
        let folder = TemporaryFolder("report-funnels")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/ann/text/gpl.txt")
        try folder.write("net/ann/text/short.txt", text: "too short to pass.\n")
        for name in ["basn2c08", "basn0g08", "s01n3p01"] { try folder.copy(Locations.corpora + "/pngsuite/\(name).png", to: "net/bob/image/\(name).png") }
        let yaml = "version: 1\nmodalities: { text: {}, image: {} }\npipeline: [ { use: text-quality }, { use: image-check, with: { min_width: 8 } } ]\n"
        let config = try RunFixtures.config(yaml, in: folder)
        _ = try RunFixtures.run(config, root: folder.url("net"), verdicts: folder.url("v.jsonl"))
        let stages = Dictionary(config.pipeline.map { ($0.name, $0.validator.appliesTo) }, uniquingKeysWith: { a, _ in a })
        let data = try ReportBuilder(stageModalities: stages).build(from: try Ledger(path: config.ledger), runID: nil)
        #expect(data.funnels["image"]?.map(\.stage) == ["intake", "quota", "image-check"])
        #expect(data.funnels["image"]?.map(\.remaining) == [3, 3, 2], "the 1×1 picture is too small")
        #expect(data.funnels["text"]?.map(\.stage) == ["intake", "quota", "text-quality"])
        #expect(data.funnels["text"]?.last?.remaining == 1)
    }

    @Test func histogramsDrawOutliersApartOnRoundTicks() {
        // Thirty clips of 2 to 8 s and one of 165 s: the long one is counted, not drawn.
        let durations = (0..<30).map { 2 + Double($0) * 0.2 } + [165]
        let audio = HistogramBinning.histogram(durations, title: "Audio duration (s)", modality: "audio", metric: "audio.seconds")
        #expect(audio.scale == .linear)
        #expect(audio.above == 1 && audio.below == 0)
        #expect((audio.edges.last ?? 0) < 20)
        #expect(audio.counts.filter { $0 > 0 }.count >= 10, "the ordinary clips spread over many bars")
        #expect(audio.ticks.allSatisfy { ($0 * 10).rounded() == $0 * 10 }, "\(audio.ticks)")
        #expect(audio.total == 31 && audio.maximum == 165)

        // Word counts from 8 to 3,000: a log axis, ticked at 1, 2, 5 × 10^k.
        let words = (0..<200).map { 8 * pow(1.03, Double($0)) }
        let text = HistogramBinning.histogram(words, title: "Text length (words)", modality: "text", metric: "text.words")
        #expect(text.scale == .log)
        #expect(text.ticks.contains(10) && text.ticks.contains(100) && text.ticks.contains(1000), "\(text.ticks)")
        #expect(text.below + text.above == 0 && text.total == 200)
        #expect(text.counts.count <= HistogramBinning.maximumBins)

        // Integral values get integral bins.
        let widths = HistogramBinning.histogram([16, 16, 22, 24, 32, 32, 32, 48, 64], title: "w", modality: "image", metric: "image.width")
        #expect(zip(widths.edges, widths.edges.dropFirst()).allSatisfy { $1 - $0 >= 1 && ($1 - $0).rounded() == $1 - $0 })
    }

    @Test func histogramsOfDegenerateValuesEnd() {
        for values: [Double] in [[7], [3, 3, 3, 3], [1, 1, 1, 0.9999999999999998], [9.1e15, 9.1e15], [-1e308, 1e308], [-5, -4, -3, 0, 2]] {
            let h = HistogramBinning.histogram(values, title: "t", modality: "text", metric: "m")
            #expect(h.total == values.count, "\(values)")
            #expect(h.counts.count <= 2 * HistogramBinning.maximumBins && h.ticks.count <= 12)
            #expect(h.edges.count == h.counts.count + 1 && zip(h.edges, h.edges.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func numbersForPeopleHaveThreeSignificantDigits() {
        #expect(HumanNumber.format(0.45652173913043476) == "0.457")
        #expect(HumanNumber.format(12.345) == "12.3")
        #expect(HumanNumber.format(1834.6) == "1835")
        #expect(HumanNumber.format(50) == "50")
        #expect(HumanNumber.format(0.5) == "0.5")
        #expect(HumanNumber.format(-3.14159) == "-3.14")
        #expect(HumanNumber.format(0.000012) == "1.20e-05")
        #expect(HumanNumber.format(1e19) == "1e+19" && HumanNumber.format(-9.3e18) == "-9.3e+18", "no trap past Int64")
    }
}
