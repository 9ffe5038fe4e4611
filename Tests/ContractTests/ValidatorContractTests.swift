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

    @Test(arguments: names) func examplesGiveWhatTheySay(_ name: String) throws {
        let type = try Self.type(name)
        #expect(!type.description.examples.isEmpty, "\(name) has no examples")
        let declared = Set(type.reasonCodes.map(\.code))
        for example in type.description.examples {
            for code in example.gives + example.doesNotGive {
                #expect(declared.contains(code), "\(name) example '\(example.title)' names \(code), which \(name) does not declare")
            }
            let outcome = try ExampleRun(type: type, example: example).run()
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
                                    outcomes: try type.description.examples.map { try ExampleRun(type: type, example: $0).run() })
        let path = Locations.packageRoot + "/Tests/ContractTests/Findings/\(name).json"
        let environment = ProcessInfo.processInfo.environment
        guard let data = FileManager.default.contents(atPath: path), environment["ASSAY_RECORD_FINDINGS"] != "1" else {
            // A new validator (or an asked-for re-record) writes its record; CI (strict) refuses a missing one.
            #expect(environment["ASSAY_CONTRACT_STRICT"] != "1", "no findings recorded for \(name): run the contract suite once and commit \(path)")
            try record.encoded().write(to: URL(fileURLWithPath: path))
            return
        }
        let stored = try JSONDecoder.forFindings.decode(FindingsRecord.self, from: data)
        if stored.version == record.version {
            #expect(stored == record, """
                \(name)'s findings on its examples changed but its version is still \(record.version): bump `version` in its \
                ValidatorDescription (ledgers then re-analyze this stage) and re-record with ASSAY_RECORD_FINDINGS=1 \
                swift test --filter ValidatorContractTests
                """)
        } else {
            #expect(stored.version < record.version, "\(name)'s version went down from \(stored.version) to \(record.version)")
            Issue.record("\(name) is now version \(record.version) (recorded: \(stored.version)): re-record with ASSAY_RECORD_FINDINGS=1")
        }
    }
}
