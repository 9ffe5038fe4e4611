// swift-tools-version:6.0
import PackageDescription

/// Swift settings shared by every Swift target: Swift 6 language mode everywhere.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// A validator family under Plugins/: depends on AssayKit (and its own C libraries), never on
/// the engine, another plugin or the command-line tool.
func plugin(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: ["AssayKit"] + extra, path: "Plugins/\(name)", swiftSettings: strict)
}

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .executable(name: "assay-fuzz", targets: ["assay-fuzz"]),
        .library(name: "AssayKit", targets: ["AssayKit"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
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
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(name: "CMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CChromaprint", pkgConfig: "libchromaprint", providers: [.apt(["libchromaprint-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        // The only code that calls setjmp for libpng.
        .target(name: "CPNGShim", dependencies: ["CPNG"], linkerSettings: [.linkedLibrary("z")]),
        // posix_spawn with pipes, process group and clean descriptors for external plugins.
        .target(name: "CSpawn"),
        // Unicode TS #39 confusable skeletons of contributor names, through ICU's spoof checker.
        .target(name: "CSkeleton", dependencies: ["CICU"]),

        // What a validator is written against: no database, NIO or YAML.
        .target(name: "AssayKit", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),

        .target(
            name: "AssayCore",
            dependencies: [
                "AssayKit",
                "CSkeleton",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),

        // MIME sniffing with libmagic: part of intake, not a validator.
        .target(name: "MIMESniff", dependencies: ["AssayKit", "CMagic"], swiftSettings: strict),
        plugin("TextQuality"),
        plugin("TextDedup", extra: [.product(name: "Crypto", package: "swift-crypto")]),
        plugin("PNGCheck", extra: ["CPNGShim"]),
        plugin("TextLanguage"),
        plugin("TextPII"),
        plugin("TextRelevance"),
        plugin("External", extra: ["CSpawn"]),
        plugin("AudioCheck", extra: ["CSndFile", "CEBUR128", "CChromaprint", .product(name: "Crypto", package: "swift-crypto")]),

        // The registry: one list of every built-in validator.
        .target(name: "AssayPlugins", dependencies: ["AssayCore", "MIMESniff", "TextQuality", "TextDedup", "PNGCheck", "AudioCheck", "TextLanguage", "TextPII", "TextRelevance", "External"], swiftSettings: strict),

        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore", "AssayPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // A mutation fuzzer for the parsers untrusted bytes reach (Benchmarks/fuzz.sh runs it).
        .executableTarget(name: "assay-fuzz", dependencies: ["AssayCore", "PNGCheck", "AudioCheck", "TextQuality", "TextPII"], swiftSettings: strict),

        // Times png-check's near-duplicate lookup at 100k and 1M indexed images (Benchmarks/png-near-dup.sh).
        .executableTarget(name: "assay-index-bench", dependencies: ["AssayCore", "PNGCheck"], swiftSettings: strict),

        // Temp folders, real programs and corpus locations for every test target.
        .target(name: "AssayTestSupport", path: "Tests/AssayTestSupport", swiftSettings: strict),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore", "AssayPlugins", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "MIMESniffTests", dependencies: ["MIMESniff", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "TextQualityTests", dependencies: ["TextQuality", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "TextDedupTests", dependencies: ["TextDedup", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "PNGCheckTests", dependencies: ["PNGCheck", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "AudioCheckTests", dependencies: ["AudioCheck", "AssayCore", "CSndFile", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "TextLanguageTests", dependencies: ["TextLanguage", "AssayCore", "AssayTestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "TextRelevanceTests", dependencies: ["TextRelevance", "AssayCore", "AssayPlugins", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "TextPIITests", dependencies: ["TextPII", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "ExternalTests", dependencies: ["External", "AssayCore", "AssayTestSupport", "assay"], swiftSettings: strict),
        // Runs every registered validator's examples and checks its findings against its version.
        .testTarget(name: "ContractTests", dependencies: ["AssayCore", "AssayPlugins", "AssayTestSupport"], exclude: ["Findings"], swiftSettings: strict),
        .testTarget(name: "AssayCLITests", dependencies: ["assay", "AssayCore", "AssayPlugins", "AssayTestSupport", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
    ]
)
