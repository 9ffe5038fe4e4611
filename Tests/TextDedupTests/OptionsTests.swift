import AssayCore
import Testing
@testable import TextDedup

/// Options as a curator writes them in `assay.yml`.
@Suite struct OptionsTests {
    static let loader = ConfigLoader(registry: ValidatorRegistry([TextDedup.self]))

    static func load(_ with: String) throws(ConfigError) -> AssayConfig {
        try loader.load(yaml: "version: 1\nmodalities: {text: {}}\npipeline:\n  - use: text-dedup\n    with: \(with)\n", file: "assay.yml")
    }

    @Test func defaultsAreDocumented() throws {
        let fields = TextDedupOptions.fields
        #expect(fields.map(\.name) == ["shingle_size", "permutations", "bands", "threshold", "verify", "near"])
        #expect(fields.allSatisfy { !$0.help.isEmpty })
        let defaults = TextDedupOptions()
        #expect(defaults.shingleSize == 5 && defaults.permutations == 128 && defaults.bands == 32)
        #expect(defaults.threshold == 0.55 && defaults.verify && defaults.near)
        #expect(TextDedup.reasonCodes.map(\.code) == ["text.dup_exact", "text.dup_near"])
        #expect(TextDedup.reasonCodes.allSatisfy { !$0.meaning.isEmpty && !$0.hint.isEmpty })
    }

    @Test func optionsParseFromYAML() throws {
        let config = try Self.load("{shingle_size: 4, permutations: 256, bands: 64, threshold: 0.7, verify: true, near: true}")
        let options = Dictionary(uniqueKeysWithValues: try #require(config.pipeline.first).options.map { ($0.key, $0.value) })
        #expect(options["shingle_size"] == .integer(4))
        #expect(options["permutations"] == .integer(256))
        #expect(options["threshold"] == .number(0.7))
    }

    @Test func bandsMustDividePermutations() {
        #expect(throws: ConfigError.self) { try Self.load("{permutations: 128, bands: 24}") }
        #expect(throws: OptionsError.self) {
            var options = TextDedupOptions()
            options.bands = 24
            _ = try TextDedup(options: options)
        }
        // Just inside: 128 = 32 × 4 and 128 = 128 × 1 both work.
        #expect((try? Self.load("{permutations: 128, bands: 128}")) != nil)
    }

    @Test func outOfRangeAndUnknownOptionsAreErrors() {
        #expect(throws: ConfigError.self) { try Self.load("{threshold: 1.5}") }
        #expect(throws: ConfigError.self) { try Self.load("{shingle_size: 0}") }
        #expect(throws: ConfigError.self) { try Self.load("{permutations: 8, bands: 8}") }
        #expect(throws: ConfigError.self) { try Self.load("{treshold: 0.5}") }
        #expect((try? Self.load("{threshold: 1}")) != nil)
        #expect((try? Self.load("{shingle_size: 1}")) != nil)
    }
}
