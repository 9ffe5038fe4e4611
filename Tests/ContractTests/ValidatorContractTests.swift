import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// Every registered validator's description holds: its examples give the codes they say and no
/// others they rule out, every code it declares is given by an example or it says why not, and
/// its findings on the examples are those recorded for its version. A validator added under
/// Plugins/ is in this suite without a line of test code.
@Suite struct ValidatorContractTests {
    static let types: [any Validator.Type] = BuiltinValidators.registry.types

    /// The validator's name, for test arguments.
    static var names: [String] { types.map { $0.name } }

    static func type(_ name: String) throws -> any Validator.Type {
        try #require(BuiltinValidators.registry.type(named: name))
    }

    /// What each validator made of its examples, run once for every test that reads it (some
    /// examples start programs and wait out timeouts).
    static let outcomes: [String: Result<[ExampleRun.Outcome], any Error>] = Dictionary(
        types.map { type in (type.name, Result { try type.description.examples.map { try ExampleRun(type: type, example: $0).run() } }) },
        uniquingKeysWith: { first, _ in first })

    static func outcomes(_ name: String) throws -> [ExampleRun.Outcome] {
        try #require(outcomes[name]).get()
    }

    @Test(arguments: names) func examplesGiveWhatTheySay(_ name: String) throws {
        let type = try Self.type(name)
        #expect(!type.description.examples.isEmpty, "\(name) has no examples")
        let declared = Set(type.reasonCodes.map(\.code))
        for (example, outcome) in zip(type.description.examples, try Self.outcomes(name)) {
            for code in example.gives + example.doesNotGive {
                #expect(declared.contains(code), "\(name) example '\(example.title)' names \(code), which \(name) does not declare")
            }
            let given = Set(outcome.reasons.map(\.code))
            if example.isClean {
                #expect(given.isEmpty, "\(name) example '\(example.title)' must give no reason, gave \(given.sorted())")
            }
            for code in example.gives {
                #expect(given.contains(code), "\(name) example '\(example.title)' must give \(code), gave \(given.sorted())")
            }
            for code in example.doesNotGive {
                #expect(!given.contains(code), "\(name) example '\(example.title)' must not give \(code)")
            }
        }
    }

    @Test(arguments: names) func everyCodeHasAnExample(_ name: String) throws {
        let description = try Self.type(name).description
        let exemplified = Set(description.examples.flatMap(\.gives))
        for code in description.reasonCodes.map(\.code) where !exemplified.contains(code) {
            #expect(description.codesWithoutExamples[code] != nil,
                    "\(name) declares \(code) but no example gives it (add one, or say in codesWithoutExamples why no file can)")
        }
        for code in description.codesWithoutExamples.keys {
            #expect(description.reasonCodes.contains { $0.code == code }, "\(name): codesWithoutExamples names \(code), which it does not declare")
            #expect(!exemplified.contains(code), "\(name): \(code) has an example; drop it from codesWithoutExamples")
        }
    }

    @Test(arguments: names) func descriptionsAreWellFormed(_ name: String) throws {
        let description = try Self.type(name).description
        #expect(description.version >= 1)
        #expect(!description.summary.isEmpty)
        #expect(description.fileExtensions.isEmpty || description.modalities.count == 1,
                "\(name) names file extensions but judges several modalities: check could not tell which")
        for ext in description.fileExtensions {
            #expect(ext == ext.lowercased() && !ext.hasPrefix(".") && !ext.isEmpty, "\(name): extension '\(ext)'")
        }
        #expect(description.headlineMetrics.isEmpty || description.modalities.count == 1)
        #expect(Set(description.reasonCodes.map(\.code)).count == description.reasonCodes.count, "\(name) declares a code twice")
    }

    /// The findings on the examples are the ones recorded for this version in
    /// Tests/ContractTests/Findings/NAME.json. A change without a version bump fails: stored
    /// findings in every ledger would silently outlive the code that made them.
    @Test(arguments: names) func findingsChangeOnlyWithAVersionBump(_ name: String) throws {
        let type = try Self.type(name)
        let record = FindingsRecord(validator: name, version: type.description.version,
                                    outcomes: try Self.outcomes(name))
        let path = Locations.packageRoot + "/Tests/ContractTests/Findings/\(name).json"
        let environment = ProcessInfo.processInfo.environment
        let recording = environment["ASSAY_RECORD_FINDINGS"] == "1"
        let rerecord = "ASSAY_RECORD_FINDINGS=1 swift test --filter ValidatorContractTests"
        guard let data = FileManager.default.contents(atPath: path) else {
            // A new validator writes its first record; CI (strict) refuses a missing one.
            #expect(environment["ASSAY_CONTRACT_STRICT"] != "1", "no findings recorded for \(name): run \(rerecord) and commit \(path)")
            try record.encoded().write(to: URL(fileURLWithPath: path))
            return
        }
        let stored = try JSONDecoder.forFindings.decode(FindingsRecord.self, from: data)
        #expect(stored.version <= record.version, "\(name)'s version went down from \(stored.version) to \(record.version)")
        if stored.version == record.version {
            // Examples may be added or removed freely; one that stayed must find what it found.
            let before = Dictionary(stored.outcomes.map { ($0.example, $0) }, uniquingKeysWith: { first, _ in first })
            for outcome in record.outcomes {
                guard let earlier = before[outcome.example] else { continue }
                #expect(earlier == outcome, """
                    \(name)'s findings on example '\(outcome.example)' changed but its version is still \(record.version): \
                    bump `version` in its ValidatorDescription (ledgers then re-analyze this stage) and run \(rerecord)
                    """)
            }
        }
        guard stored != record else { return }
        if recording {
            try record.encoded().write(to: URL(fileURLWithPath: path))
        } else {
            let message = "\(name)'s record (version \(stored.version), \(stored.outcomes.count) examples) is not current "
                + "(version \(record.version), \(record.outcomes.count) examples): run \(rerecord)"
            Issue.record(Comment(rawValue: message))
        }
    }
}
