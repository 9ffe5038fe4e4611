import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing
@testable import TextRelevance

/// `text-relevance` on real documents: a datanet of software licences (Debian's
/// /usr/share/common-licenses) against manual pages rendered by `man`.
@Suite struct TextRelevanceTests {
    static let licences = "/usr/share/common-licenses/"

    static func manPage(_ name: String) throws -> String {
        let page = try Shell.run(["/bin/sh", "-c", "MANWIDTH=80 man -E UTF-8 -P cat \(name) 2>/dev/null | col -b"])
        return page.stdout
    }

    /// A config in `folder` with the given `with:` block.
    static func stage(_ with: String, in folder: TemporaryFolder) throws -> TextRelevance {
        try folder.copy(licences + "GPL-2", to: "topic/gpl-2.txt")
        try folder.copy(licences + "Apache-2.0", to: "topic/apache.txt")
        try folder.write("topic/cp.txt", text: try manPage("cp"))
        let yaml = "version: 1\nmodalities: { text: {} }\npipeline:\n  - use: text-relevance\n    with: \(with)\n"
        let config = try ConfigLoader(registry: BuiltinValidators.registry).load(yaml: yaml, file: folder.url("assay.yml"))
        return try #require(config.pipeline.first?.validator as? TextRelevance)
    }

    static func judge(_ stage: TextRelevance, _ text: String) throws -> Finding {
        let bytes = Array(text.utf8)
        let submission = Submission(root: "/", path: "c/text/x.txt", absolutePath: "/c/text/x.txt", contributor: "c", modalityName: "text",
                                    submittedAt: 0, bytes: Int64(bytes.count))
        return try stage.analyze(FileInput(submission: submission, bytes: bytes, sha256: "", mime: "text/plain"))
    }

    static let topic = "{topic: \"software licences: copyright, permission to copy, modify and distribute, warranty, liability\", examples: [topic/gpl-2.txt, topic/apache.txt]}"
    /// The same, with the threshold a curator sets once the scores show where the gap is (the
    /// defaults are lenient: without counter-examples they reject only texts no closer to the
    /// topic than ordinary documentation).
    static let strictTopic = "{topic: \"software licences: copyright, permission to copy, modify and distribute, warranty, liability\", examples: [topic/gpl-2.txt, topic/apache.txt], min_score: 0.75}"
    /// Unrelated manual pages of coreutils, on every Debian system.
    static let unrelatedPages = ["ls", "grep", "tar", "sed", "find", "chmod"]

    @Test func licencesScoreAboveManPages() throws {
        let folder = TemporaryFolder("relevance")
        let stage = try Self.stage(Self.strictTopic, in: folder)
        var on: [Double] = []
        for name in ["MPL-2.0", "BSD", "Artistic", "LGPL-3", "GFDL-1.3", "CC0-1.0"] {
            let finding = try Self.judge(stage, try String(contentsOfFile: Self.licences + name, encoding: .utf8))
            on.append(try #require(finding.metrics["text.relevance"]))
            #expect(finding.reasons.isEmpty, "\(name): \(finding.reasons.map(\.message))")
        }
        var off: [Double] = []
        for page in Self.unrelatedPages {
            let finding = try Self.judge(stage, try Self.manPage(page))
            off.append(try #require(finding.metrics["text.relevance"]))
            #expect(finding.reasons.map(\.code) == ["text.off_topic"], "\(page): \(finding.metrics)")
            #expect(finding.reasons.first?.message.contains("does not mention") == true)
        }
        #expect(try #require(on.min()) > (try #require(off.max())), "every licence above every manual page: \(on) vs \(off)")
    }

    @Test func aTextCloserToACounterExampleNamesIt() throws {
        let folder = TemporaryFolder("relevance-counter")
        let stage = try Self.stage("{topic: \"copying files and software licences\", examples: [topic/gpl-2.txt], counter_examples: [topic/cp.txt]}", in: folder)
        let finding = try Self.judge(stage, try Self.manPage("mv"))
        #expect(finding.reasons.map(\.code) == ["text.off_topic"])
        #expect(finding.reasons.first?.message.contains("topic/cp.txt") == true, "\(finding.reasons)")
        #expect(try Self.judge(stage, try String(contentsOfFile: Self.licences + "GPL-3", encoding: .utf8)).reasons.isEmpty)
    }

    /// Word forms meet in the embedding table: a topic that says "bridges" and "schedules" finds
    /// the manual pages that say "bridge" (iproute2's bridge(8)) and "scheduling" (util-linux's chrt(1)).
    @Test func wordFormsMatchByMeaning() throws {
        let folder = TemporaryFolder("relevance-forms")
        let stage = try Self.stage("{topic: \"network bridges\"}", in: folder)
        let embedder = stage.embedder
        for (word, form, unrelated) in [("bridge", "bridges", "licence"), ("schedule", "scheduling", "copyright"), ("driver", "drivers", "recipe")] {
            let same = embedder.embed(word).cosine(embedder.embed(form))
            #expect(same > 0.7 && same > embedder.embed(word).cosine(embedder.embed(unrelated)) + 0.3, "\(word)/\(form): \(same)")
        }
        let bridge = try Self.judge(stage, try Self.manPage("bridge"))
        #expect(bridge.reasons.isEmpty, "\(bridge.reasons.map(\.message))")
        let scheduling = try Self.stage("{topic: \"process schedules and priorities\"}", in: folder)
        let chrt = try Self.judge(scheduling, try Self.manPage("chrt"))
        #expect(chrt.reasons.isEmpty, "\(chrt.reasons.map(\.message))")
        for page in Self.unrelatedPages {
            let text = try Self.manPage(page)
            #expect(try #require(bridge.metrics["text.relevance"]) > (try #require(Self.judge(stage, text).metrics["text.relevance"])), "bridge(8) above \(page)")
            #expect(try #require(chrt.metrics["text.relevance"]) > (try #require(Self.judge(scheduling, text).metrics["text.relevance"])), "chrt(1) above \(page)")
        }
    }

    /// With a topic sentence alone (what `assay init` suggests) a datanet's own documents pass:
    /// iproute2's manual pages for a datanet about Linux networking.
    @Test func aTopicAloneKeepsItsOwnDocuments() throws {
        let folder = TemporaryFolder("relevance-topic-only")
        let stage = try Self.stage("{topic: \"Linux networking: bridges, links, addresses, routes, tunnels, traffic control\"}", in: folder)
        for page in ["bridge", "ip-link", "ip-address", "ip-route", "ip-l2tp", "ip-tunnel", "tc"] {
            let finding = try Self.judge(stage, try Self.manPage(page))
            #expect(finding.reasons.isEmpty, "\(page): \(finding.metrics) \(finding.reasons.map(\.message))")
        }
    }

    /// Counter-examples move a text that is closer to them down: mv(1), near cp(1), scores lower
    /// once cp(1) is a counter-example, and is rejected.
    @Test func counterExamplesSharpenTheTopic() throws {
        let folder = TemporaryFolder("relevance-sharpen")
        let mv = try Self.manPage("mv")
        let plain = try Self.judge(try Self.stage("{topic: \"copying files and software licences\", examples: [topic/gpl-2.txt]}", in: folder), mv)
        let sharpened = try Self.judge(try Self.stage("{topic: \"copying files and software licences\", examples: [topic/gpl-2.txt], counter_examples: [topic/cp.txt]}", in: folder), mv)
        #expect(try #require(sharpened.metrics["text.relevance"]) < (try #require(plain.metrics["text.relevance"])) - 0.1)
        #expect(plain.reasons.isEmpty && sharpened.reasons.map(\.code) == ["text.off_topic"])
    }

    /// A run whose relevance stage rejects most texts says so in its summary and names the options
    /// that fix it: Debian's licences against a datanet about cooking.
    @Test func aRunRejectingMostTextsAsOffTopicSaysSo() throws {
        let folder = TemporaryFolder("relevance-summary")
        for name in ["GPL-3", "Apache-2.0", "MPL-2.0", "BSD"] { try folder.copy(Self.licences + name, to: "net/alice/text/\(name).txt") }
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n"
                                      + "  - use: text-relevance\n    with: { topic: \"cooking recipes: flour, butter, eggs, oven, bake, simmer, sauce\", min_score: 0.6 }\n")
        let run = try Shell.run([Locations.assay, "run", "--config", config, folder.url("net")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("note: 4 of 4 text files were rejected as off-topic") && run.stdout.contains("'min_score'"), "\(run.stdout)")
    }

    /// A table that is not where the config says is a config error that says how to install it.
    @Test func aMissingTableSaysHowToInstallIt() throws {
        let folder = TemporaryFolder("relevance-model")
        do {
            _ = try Self.stage("{topic: kernels, model: models/none.bin}", in: folder)
            Issue.record("a missing table must be a config error")
        } catch let error as ConfigError {
            #expect(error.line == 5 && error.message.contains(".ci/install-deps") && error.message.contains("models/none.bin"), "\(error)")
        }
    }

    @Test func referencesAreReadWhenTheConfigLoads() throws {
        let folder = TemporaryFolder("relevance-config")
        do {
            _ = try Self.stage("{topic: kernels, examples: [topic/missing.txt]}", in: folder)
            Issue.record("a missing example must be a config error")
        } catch let error as ConfigError {
            #expect(error.line == 5 && error.message.contains("cannot read topic/missing.txt"), "\(error)")
        }
        do {
            _ = try Self.stage("{min_score: 0.1}", in: folder)
            Issue.record("a stage without a topic must be a config error")
        } catch let error as ConfigError {
            #expect(error.message.contains("give 'topic'"), "\(error)")
        }
        // Not in the defaults: a topic is the curator's.
        let defaults = try ConfigLoader(registry: BuiltinValidators.registry).defaults(directory: folder.path)
        #expect(!defaults.pipeline.contains { $0.name == "text-relevance" })
    }
}
