import Foundation

/// Runs the real command-line tools the tests make files with.
enum Tools {
    /// A tool exited with a failure.
    struct Failure: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        let output: String
        var description: String { "\(command.joined(separator: " ")) exited \(status): \(output)" }
    }

    /// Runs `command` (looked up on PATH) and returns its standard output; throws on failure.
    @discardableResult
    static func run(_ command: [String], in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: command, status: process.terminationStatus,
                          output: String(decoding: output + errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A temporary folder removed when released.
final class TemporaryFolder {
    /// The folder.
    let url: URL

    /// Creates a fresh folder.
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("audio-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the folder.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
