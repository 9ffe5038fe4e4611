import AssayTestSupport
import Foundation
import Testing

/// The package's shape holds what the plugin kit promises: a validator family builds against
/// AssayKit and its own C libraries only, never a database, NIO or YAML, and the kit itself
/// depends on nothing of the engine. Read from `swift package describe`, as a maintainer would.
@Suite struct PackageLayoutTests {
    /// Products no validator may link: the ledgers' databases, the network stack, the config format.
    static let forbidden: Set<String> = ["GRDB", "PostgresNIO", "NIO", "NIOCore", "NIOPosix", "NIOSSL", "NIOHTTP1", "Yams", "Logging"]

    struct Description: Decodable {
        struct Target: Decodable {
            let name: String
            let path: String
            let target_dependencies: [String]?
            let product_dependencies: [String]?
        }
        let targets: [Target]
    }

    static func describe() throws -> [String: Description.Target] {
        // A scratch path of its own: the build folder may be locked by the `swift test` running this.
        let scratch = NSTemporaryDirectory() + "assay-describe-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Shell.run(["swift", "package", "--scratch-path", scratch, "describe", "--type", "json"], in: Locations.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let description = try JSONDecoder().decode(Description.self, from: Data(result.stdout.utf8))
        return Dictionary(uniqueKeysWithValues: description.targets.map { ($0.name, $0) })
    }

    /// Every target `name` reaches, itself included, and every product they use.
    static func closure(of name: String, in targets: [String: Description.Target]) -> (targets: Set<String>, products: Set<String>) {
        var seen: Set<String> = []
        var products: Set<String> = []
        var queue = [name]
        while let next = queue.popLast() {
            guard seen.insert(next).inserted, let target = targets[next] else { continue }
            products.formUnion(target.product_dependencies ?? [])
            queue += target.target_dependencies ?? []
        }
        return (seen, products)
    }

    @Test func validatorFamiliesLinkNoDatabaseNetworkOrYAML() throws {
        let targets = try Self.describe()
        let families = targets.values.filter { $0.path.hasPrefix("Plugins/") }.map(\.name).sorted()
        #expect(families.count >= 8, "\(families)")
        for family in families + ["AssayKit", "MIMESniff"] {
            let reach = Self.closure(of: family, in: targets)
            #expect(reach.products.isDisjoint(with: Self.forbidden), "\(family) reaches \(reach.products.intersection(Self.forbidden).sorted())")
            let engine = reach.targets.intersection(["AssayCore", "AssayEngine", "AssayLedger", "AssayReports", "AssayPlugins"])
            #expect(engine.isEmpty, "\(family) depends on \(engine.sorted())")
            let otherFamilies = reach.targets.intersection(families).subtracting([family])
            #expect(otherFamilies.isEmpty, "\(family) depends on another family: \(otherFamilies.sorted())")
        }
        // The engine is free of databases and the network; the ledger links them: the check is not vacuous.
        let engine = Self.closure(of: "AssayEngine", in: targets)
        #expect(engine.products.isDisjoint(with: ["GRDB", "PostgresNIO", "NIOCore", "NIOPosix", "NIOSSL"]), "\(engine.products.sorted())")
        #expect(!engine.targets.contains("AssayLedger"))
        #expect(Self.closure(of: "AssayLedger", in: targets).products.isSuperset(of: ["GRDB", "PostgresNIO"]))
        #expect(!Self.closure(of: "AssayLedger", in: targets).targets.contains("AssayReports"))
    }
}
