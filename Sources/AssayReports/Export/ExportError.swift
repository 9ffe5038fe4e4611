import AssayCore
/// Why an export stopped: the output folder or file could not be written. A source file that
/// changed or vanished is not an error; it is left out and named in ``ExportSummary/leftOut``.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// What failed, with the path and the system's words.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
