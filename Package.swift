// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Swift settings shared by every Swift target: Swift 6 language mode everywhere.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

/// A validator family: its folder under Plugins/, what it links besides AssayKit (its own C
/// libraries), and what its tests under Tests/NAMETests need besides the family and the engine.
struct Family {
    let name: String
    var links: [Target.Dependency] = []
    var tests: [Target.Dependency] = []
}

/// Every validator family, in the default pipeline's order. Adding a validator is its folder
/// under Plugins/ and one line here; the registry, `assay plugins`, `check`'s extensions, the
/// report's histograms, the docs and the contract suite follow from its description.
let families: [Family] = [
    Family(name: "TextQuality", links: ["LanguageIdentification", "CWordBreak"]),
    Family(name: "TextDedup", links: [crypto]),
    Family(name: "ImageCheck", links: ["CImageShim"]),
    Family(name: "AudioCheck", links: ["CSndFile", "CEBUR128", "CChromaprint", crypto]),
    Family(name: "TextLanguage", links: ["LanguageIdentification"]),
    Family(name: "TextPII"),
    Family(name: "TextRelevance"),
    Family(name: "External", links: ["CSpawn", "ChildProcess"], tests: ["assay"]),
]

/// A family's module: AssayKit and its own libraries, never the engine, another family or the tool.
func familyTarget(_ family: Family) -> Target {
    .target(name: family.name, dependencies: ["AssayKit"] + family.links, path: "Plugins/\(family.name)", swiftSettings: strict)
}

/// A family's tests, when Tests/NAMETests exists; a Fixtures folder in it is data, not sources.
func familyTests(_ family: Family) -> Target? {
    let folder = Context.packageDirectory + "/Tests/\(family.name)Tests"
    guard FileManager.default.fileExists(atPath: folder) else { return nil }
    let fixtures = FileManager.default.fileExists(atPath: folder + "/Fixtures") ? ["Fixtures"] : []
    return .testTarget(name: "\(family.name)Tests",
                       dependencies: [.target(name: family.name), "AssayCore", "AssayPlugins", "AssayTestSupport"] + family.links + family.tests,
                       exclude: fixtures, swiftSettings: strict)
}

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .executable(name: "assay-fuzz", targets: ["assay-fuzz"]),
        .library(name: "AssayKit", targets: ["AssayKit"]),
        .library(name: "AssayEngine", targets: ["AssayEngine"]),
        .library(name: "AssayLedger", targets: ["AssayLedger"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayReports", targets: ["AssayReports"]),
        .library(name: "AssayPlugins", targets: ["AssayPlugins"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(name: "CMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebpdemux", providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CChromaprint", pkgConfig: "libchromaprint", providers: [.apt(["libchromaprint-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        // The picture decoders: each file owns its library's error handling (libpng's and libjpeg's
        // setjmp, libtiff's handlers, libwebp's status codes); all feed the same statistics.
        .target(name: "CImageShim", dependencies: ["CPNG", "CJPEG", "CWebP", "CTIFF"], linkerSettings: [.linkedLibrary("z")]),
        // posix_spawn with pipes, process group and clean descriptors for external plugins.
        .target(name: "CSpawn"),
        // Unicode TS #39 confusable skeletons of contributor names, through ICU's spoof checker.
        .target(name: "CSkeleton", dependencies: ["CICU"]),
        // DOCX text in process: libzip (BSD-3) and libxml2 (MIT) behind one bounded C call.
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CDocxShim", dependencies: ["CZip", "CXML2"]),
        // Child processes: the registry that ends them at exit, and one-shot runs with limits (poppler).
        .target(name: "ChildProcess", dependencies: ["CSpawn"], swiftSettings: strict),
        // PDF (poppler-utils as child processes) and DOCX (CDocxShim) to text for the text stages.
        .target(name: "DocumentText", dependencies: ["AssayKit", "ChildProcess", "CDocxShim"], swiftSettings: strict),

        // The script and language of a text from character trigrams: text-language judges by it,
        // text-quality picks its per-language limits by it (one identifier, no family depends on another).
        .target(name: "LanguageIdentification", path: "Sources/LanguageIdentification", swiftSettings: strict),
        // ICU's word break iterator over UTF-8, for texts written without spaces between words.
        .target(name: "CWordBreak", dependencies: ["CICU"]),

        // What a validator is written against: no database, NIO or YAML.
        .target(name: "AssayKit", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),

        // The engine: config (YAML), discovery, intake, analysis, decisions, quotas, outputs.
        .target(
            name: "AssayEngine",
            dependencies: [
                "AssayKit",
                "CSkeleton",
                "DocumentText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        // The ledger, on SQLite (GRDB) or PostgreSQL (postgres-nio).
        .target(
            name: "AssayLedger",
            dependencies: [
                "AssayEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // The run: Runner, CheckSession and the workers, over the engine and the ledger.
        .target(name: "AssayCore", dependencies: ["AssayEngine", "AssayLedger"], swiftSettings: strict),

        // What the ledger shows people: the report, the export and the leaderboard.
        .target(name: "AssayReports", dependencies: ["AssayCore", "DocumentText"], swiftSettings: strict),

        // MIME sniffing with libmagic: part of intake, not a validator.
        .target(name: "MIMESniff", dependencies: ["AssayKit", "CMagic"], swiftSettings: strict),

        // The registry of built-in validators, generated at build time from the families' sources.
        .target(name: "AssayPlugins", dependencies: ["AssayKit", "MIMESniff"] + families.map { .target(name: $0.name) },
                swiftSettings: strict, plugins: ["RegistryPlugin"]),
        .plugin(name: "RegistryPlugin", capability: .buildTool(), dependencies: ["assay-registry"], path: "Sources/RegistryPlugin"),
        .executableTarget(name: "assay-registry", swiftSettings: strict),

        // `assay serve`: uploads over HTTP (Hummingbird), judged by the same Runner as `assay run`.
        .target(
            name: "AssayServer",
            dependencies: [
                "AssayCore", "AssayReports", "AssayPlugins", crypto,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore", "AssayReports", "AssayPlugins", "AssayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // A mutation fuzzer for the parsers untrusted bytes reach (Benchmarks/fuzz.sh runs it).
        .executableTarget(name: "assay-fuzz", dependencies: ["AssayCore", "ImageCheck", "AudioCheck", "TextQuality", "TextPII", "DocumentText"], swiftSettings: strict),

        // Times image-check's near-duplicate lookup at 100k and 1M indexed images (Benchmarks/png-near-dup.sh).
        .executableTarget(name: "assay-index-bench", dependencies: ["AssayCore", "ImageCheck"], swiftSettings: strict),

        // Temp folders, real programs and corpus locations for every test target.
        .target(name: "AssayTestSupport", path: "Tests/AssayTestSupport", swiftSettings: strict),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore", "AssayReports", "AssayPlugins", "AssayTestSupport",
                                                    .product(name: "CSV", package: "CSV.swift")], swiftSettings: strict),
        .testTarget(name: "MIMESniffTests", dependencies: ["MIMESniff", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        // Runs every registered validator's examples and checks its findings against its version.
        .testTarget(name: "ContractTests", dependencies: ["AssayCore", "AssayPlugins", "AssayTestSupport"], exclude: ["Findings"], swiftSettings: strict),
        .testTarget(name: "DocumentTextTests", dependencies: ["DocumentText", "AssayCore", "AssayReports", "AssayPlugins", "AssayTestSupport"],
                    swiftSettings: strict),
        // A real `assay serve` on loopback, driven by real HTTP clients (curl).
        .testTarget(name: "AssayServerTests", dependencies: ["assay", "AssayCore", "AssayServer", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "AssayCLITests", dependencies: ["assay", "AssayCore", "AssayPlugins", "AssayTestSupport", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
    ] + families.map(familyTarget) + families.compactMap(familyTests)
)
