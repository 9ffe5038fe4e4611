import Foundation

/// A folder under the system temp directory, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    /// Its absolute path.
    public let path: String

    /// Creates an empty folder.
    public init(_ label: String = "assay-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the folder.
    public func url(_ relative: String) -> String { path + "/" + relative }

    /// Writes bytes at `relative`, creating folders; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = url(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes text at `relative`; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Copies an existing file to `relative`; returns the absolute path.
    @discardableResult
    public func copy(_ source: String, to relative: String) throws -> String {
        try write(relative, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: source))))
    }
}
