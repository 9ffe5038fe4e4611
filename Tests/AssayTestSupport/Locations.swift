import Foundation

/// Where the package, its built tool and the shared corpora are.
public enum Locations {
    /// The package root (the folder with Package.swift).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// `Tests/Corpora`: third-party test files (PngSuite, the IETF FLAC test bench, hound's WAV
    /// layouts), kept as their authors wrote them, each folder with its licence.
    public static let corpora: String = packageRoot + "/Tests/Corpora"

    /// The `assay` executable built next to the test bundle.
    public static let assay: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = (exe as NSString).deletingLastPathComponent
        while directory != "/" {
            let candidate = directory + "/assay"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return packageRoot + "/.build/debug/assay"
    }()
}

extension Locations {
    /// The virtual environment `.ci/install-deps` makes in `.build/python` with the PyPI tools
    /// tests drive (datasets, pre-commit); nil when it has not been made.
    public static let pythonTools: String? = {
        let folder = packageRoot + "/.build/python/bin"
        return FileManager.default.isExecutableFile(atPath: folder + "/python") ? folder : nil
    }()
}
