/// Splits a plugin's stderr bytes into lines and hands each to the log prefixed with `[NAME] `.
/// Not thread-safe: owned by one ``PluginProcess``.
struct StderrLines {
    private let prefix: String
    private let log: PluginLog
    private var partial: [UInt8] = []
    /// A line longer than this is cut, so a plugin printing without newlines cannot grow memory.
    private static let longest = 8192

    /// Lines go to `log` prefixed with `[name] `.
    init(name: String, log: PluginLog) {
        prefix = "[\(name)] "
        self.log = log
    }

    /// Takes bytes read from the pipe; forwards every complete line.
    mutating func take(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                emit()
            } else {
                partial.append(byte)
                if partial.count >= Self.longest { emit() }
            }
        }
    }

    /// Forwards a last line that has no newline (the plugin ended).
    mutating func finish() {
        if !partial.isEmpty { emit() }
    }

    private mutating func emit() {
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        log.write(prefix + String(decoding: partial, as: UTF8.self))
        partial.removeAll(keepingCapacity: true)
    }
}
