import AssayCore
import AssayPlugins
import Testing

/// A bad config is an error before any file is read, naming file, line, column and the key.
@Suite struct ConfigLoaderTests {
    let loader = ConfigLoader(registry: BuiltinValidators.registry)

    func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try loader.load(yaml: yaml, file: "/cfg/assay.yml")
            return nil
        } catch {
            return error
        }
    }

    @Test func minimalConfigTakesTheDefaults() throws {
        let config = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n", file: "/cfg/assay.yml")
        #expect(config.limits == Limits())
        #expect(config.limits.daily.files == 20 && config.limits.daily.bytes == 10_000_000)
        #expect(config.ledger == "/cfg/assay.sqlite")
        #expect(config.pipeline.isEmpty)
    }

    @Test func unknownTopLevelKeyIsLocatedWithSuggestion() throws {
        let found = try #require(error("version: 1\npipline: []\n"))
        #expect(found.line == 2 && found.column == 1)
        #expect(found.suggestion == "pipeline")
        #expect(found.description.hasPrefix("/cfg/assay.yml:2:1: error: unknown key 'pipline'"))
    }

    @Test func unknownLimitKey() throws {
        let found = try #require(error("version: 1\nlimits:\n  daily_file: 3\n"))
        #expect(found.line == 3 && found.column == 3)
        #expect(found.suggestion == "daily_files")
    }

    @Test func wrongTypeNamesTheKey() throws {
        let found = try #require(error("version: 1\nlimits: { daily_files: many }\n"))
        #expect(found.line == 2)
        #expect(found.message.contains("'daily_files' must be a whole number"))
    }

    @Test(arguments: ["10 MX", "ten", "-5MB", "5XB"])
    func badSizeIsAnError(size: String) throws {
        let found = try #require(error("version: 1\nlimits:\n  max_file_bytes: \(size)\n"))
        #expect(found.line == 3 && found.column == 19)
        #expect(found.message.contains("must be a size"))
    }

    @Test func sizesUseDecimalAndBinaryUnits() throws {
        #expect(ByteSize.parse("10MB") == 10_000_000)
        #expect(ByteSize.parse("10 MiB") == Int64(10_485_760))
        #expect(ByteSize.parse("1.5GB") == 1_500_000_000)
        #expect(ByteSize.parse("2KiB") == 2048)
        #expect(ByteSize.parse("512") == 512)
        #expect(ByteSize.parse("7B") == 7)
        #expect(ByteSize.parse("3 TB") == nil)
        #expect(ByteSize.format(10_000_000) == "10MB")
        #expect(ByteSize.format(1_048_576) == "1MiB")
        let config = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { daily_bytes: 2MiB, max_file_bytes: 1GB }\n", file: "/cfg/a.yml")
        #expect(config.limits.daily.bytes == 2_097_152)
        #expect(config.limits.maxFileBytes == 1_000_000_000)
    }

    @Test func durationsUseMillisecondsSecondsMinutes() {
        #expect(DurationText.parse("500ms") == 0.5)
        #expect(DurationText.parse("5s") == 5)
        #expect(DurationText.parse("2m") == 120)
        #expect(DurationText.parse("3") == 3)
        #expect(DurationText.parse("5h") == nil)
        #expect(DurationText.parse("fast") == nil)
    }

    @Test func missingVersion() throws {
        let found = try #require(error("limits: {}\n"))
        #expect(found.message.contains("version"))
    }

    @Test func unsupportedVersion() throws {
        let found = try #require(error("version: 2\n"))
        #expect(found.line == 1 && found.column == 10)
    }

    @Test func yamlSyntaxErrorIsLocated() throws {
        let found = try #require(error("version: 1\nlimits: [daily_files: 3\n"))
        #expect(found.line != nil && found.column != nil)
        #expect(found.message.hasPrefix("invalid YAML"))
    }

    @Test func duplicateKey() throws {
        let found = try #require(error("version: 1\nledger: a.sqlite\nledger: b.sqlite\n"))
        #expect(found.line != nil)
        #expect(found.message.contains("duplicate key 'ledger'"))
    }

    @Test func unknownModalityWithSuggestion() throws {
        let found = try #require(error("version: 1\nmodalities:\n  imgae: { mime: [image/png] }\n"))
        #expect(found.line == 3 && found.suggestion == "image")
    }

    @Test func unknownPluginWithSuggestion() throws {
        let names = BuiltinValidators.registry.names
        try #require(!names.isEmpty)
        let name = try #require(names.first)
        let typo = String(name.dropLast())
        let found = try #require(error("version: 1\npipeline:\n  - use: \(typo)\n"))
        #expect(found.line == 3 && found.column == 10)
        #expect(found.message.contains("unknown validator '\(typo)'"))
        #expect(found.suggestion == name)
    }

    @Test func unknownOptionOfAPluginWithSuggestion() throws {
        let type = try #require(BuiltinValidators.registry.types.first { !$0.optionDescriptions.isEmpty })
        let option = try #require(type.optionDescriptions.first).name
        let found = try #require(error("version: 1\npipeline:\n  - use: \(type.name)\n    with:\n      \(option)x: 1\n"))
        #expect(found.line == 5 && found.column == 7)
        #expect(found.message.contains("unknown option '\(option)x'"))
        #expect(found.suggestion == option)
    }

    @Test func relativePathsAreAnchoredAtTheConfig() throws {
        let config = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nledger: out/ledger.sqlite\nmanifest: subs.csv\n", file: "/data/cfg/assay.yml")
        #expect(config.ledger == "/data/cfg/out/ledger.sqlite")
        #expect(config.manifest == "/data/cfg/subs.csv")
    }

    @Test func starterConfigLoadsAndMatchesTheDefaults() throws {
        let yaml = StarterConfig.yaml(registry: BuiltinValidators.registry)
        let config = try loader.load(yaml: yaml, file: "/cfg/assay.yml")
        let defaults = try loader.defaults(directory: "/cfg")
        #expect(config.fingerprint == defaults.fingerprint)
        #expect(config.pipeline.map(\.name) == defaults.pipeline.map(\.name))
    }

    @Test func fingerprintChangesWithAnyVerdictRelevantSetting() throws {
        let a = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n", file: "/cfg/a.yml")
        let b = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { daily_files: 5 }\n", file: "/cfg/a.yml")
        let c = try loader.load(yaml: "version: 1\nmodalities: {text: {unchecked: true, mime: [text/plain]}, image: {unchecked: true}, audio: {unchecked: true}}\n", file: "/cfg/a.yml")
        let d = try loader.load(yaml: "# a comment\nversion: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nledger: other.sqlite\n", file: "/cfg/a.yml")
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.fingerprint == d.fingerprint)
    }

    @Test func aModalityNobodyJudgesIsAConfigError() throws {
        let noPipeline = try #require(error("version: 1\n"))
        #expect(noPipeline.line == 1 && noPipeline.message.contains("no stage in the pipeline judges text files"))
        let textStagesOnly = try #require(error("version: 1\nmodalities:\n  text: {}\n  image: {}\npipeline:\n  - use: text-quality\n"))
        #expect(textStagesOnly.line == 4 && textStagesOnly.column == 3)
        #expect(textStagesOnly.message.contains("image files") && textStagesOnly.message.contains("unchecked: true"))
        #expect(error("version: 1\nmodalities:\n  text: {}\n  image: { unchecked: true }\npipeline:\n  - use: text-quality\n") == nil)
        #expect(error("version: 1\nmodalities:\n  text: { uncheked: true }\npipeline:\n  - use: text-quality\n")?.suggestion == "unchecked")
    }

    /// 563 bytes that expand to 10^8 nodes once aliases are followed: refused at once, located.
    @Test func aYAMLAliasBombIsAConfigError() throws {
        var levels = ["        l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...7 {
            levels.append("        l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let yaml = """
            version: 1
            modalities: { text: {} }
            pipeline:
              - use: external
                with:
                  name: bomb
                  command: [python3, plugin.py]
                  modalities: [text]
                  options:
            \(levels.joined(separator: "\n"))

            """
        let found = try #require(error(yaml))
        #expect(found.message.contains("more than 100000 nodes"), "\(found.message)")
        #expect(found.line != nil && found.column != nil)
    }

    @Test func absurdDurationsAreLocatedErrorsNotCrashes() throws {
        for duration in ["1e20s", "1e308m", "31d", "100000000"] {
            let found = try #require(error("version: 1\nmodalities: { audio: {} }\npipeline:\n  - use: audio-check\n    with: { max_seconds: \(duration) }\n"), "\(duration)")
            #expect(found.line == 5 && found.message.contains("at most 30 days"), "\(duration): \(found.message)")
        }
    }

    @Test func suggestionsFindCloseWordsOnly() {
        #expect(Suggestion.closest(to: "pipline", in: ["pipeline", "ledger"]) == "pipeline")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["pipeline", "ledger"]) == nil)
    }
}
