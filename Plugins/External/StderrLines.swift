import AssayKit

/// Splits a plugin's stderr bytes into lines and hands each to the log prefixed with `[NAME] `,
/// control characters escaped (a plugin cannot drive the terminal), at most ``budget`` bytes per
/// plugin process (a plugin printing gigabytes costs Assay's log a line saying how much was
/// left out). Not thread-safe: owned by one ``PluginProcess``.
struct StderrLines {
    private let prefix: String
    private let log: PluginLog
    private var partial: [UInt8] = []
    /// A line longer than this is cut, so a plugin printing without newlines cannot grow memory.
    private static let longest = 8192
    /// Bytes of one plugin process's stderr forwarded; the rest is counted, not shown.
    static let budget = 65_536
    private var forwarded = 0
    private var withheld = 0

    /// Lines go to `log` prefixed with `[name] `.
    init(name: String, log: PluginLog) {
        prefix = "[\(name)] "
        self.log = log
    }

    /// Takes bytes read from the pipe; forwards every complete line within the budget.
    mutating func take(_ bytes: ArraySlice<UInt8>) {
        if StageOutput.isQuiet { return }
        if forwarded >= Self.budget {
            withheld += bytes.count
            return
        }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                emit()
            } else {
                partial.append(byte)
                if partial.count >= Self.longest { emit() }
            }
        }
    }

    /// Forwards a last line that has no newline (the plugin ended), and says how much of its
    /// stderr was left out.
    mutating func finish() {
        if !partial.isEmpty { emit() }
        if withheld > 0 {
            log.write(prefix + "(\(withheld) more bytes of standard error not shown: the first \(Self.budget) are)")
            withheld = 0
        }
    }

    private mutating func emit() {
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        if forwarded < Self.budget {
            log.write(prefix + TerminalText.escape(String(decoding: partial, as: UTF8.self)))
            if forwarded + partial.count + 1 >= Self.budget {
                log.write(prefix + "(standard error past \(Self.budget) bytes is not shown; the count comes when the plugin ends)")
            }
        } else {
            withheld += partial.count + 1
        }
        forwarded += partial.count + 1
        partial.removeAll(keepingCapacity: true)
    }
}
