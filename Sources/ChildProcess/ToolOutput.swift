/// What a program run to its end by ``ToolRun`` left behind.
public struct ToolOutput: Sendable {
    /// The raw `waitpid` status (``ChildExit/describe(_:)`` puts it in words).
    public let status: Int32
    /// Everything it wrote on standard output (at most the run's `maxOutput` bytes).
    public let output: [UInt8]
    /// The start of what it wrote on standard error (at most 64 KiB; the rest is read and dropped).
    public let errors: [UInt8]

    /// Creates an output record.
    public init(status: Int32, output: [UInt8], errors: [UInt8]) {
        self.status = status
        self.output = output
        self.errors = errors
    }

    /// True when it exited by itself with status 0.
    public var succeeded: Bool { status == 0 }

    /// Standard error as text (invalid UTF-8 repaired), for messages.
    public var errorText: String { String(decoding: errors, as: UTF8.self) }
}
