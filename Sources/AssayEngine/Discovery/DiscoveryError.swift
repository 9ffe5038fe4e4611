/// Discovery could not start: a folder or manifest is missing or malformed. Reported before any
/// file is read.
public struct DiscoveryError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, with the path (and line, for a manifest).
    public let message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
