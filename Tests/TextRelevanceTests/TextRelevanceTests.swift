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

    @Test func licencesScoreAboveManPages() throws {
        let folder = TemporaryFolder("relevance")
        let stage = try Self.stage(Self.topic, in: folder)
        var on: [Double] = []
        for name in ["MPL-2.0", "BSD", "Artistic", "LGPL-3", "GFDL-1.3", "CC0-1.0"] {
            let finding = try Self.judge(stage, try String(contentsOfFile: Self.licences + name, encoding: .utf8))
            on.append(try #require(finding.metrics["text.relevance"]))
            #expect(finding.reasons.isEmpty, "\(name): \(finding.reasons.map(\.message))")
        }
        var off: [Double] = []
        for page in ["ls", "grep", "tar", "sed", "find", "chmod"] {
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
