import Foundation

/// A one-line progress bar on standard error, shown only when it is a terminal.
public final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    /// Files done at the last update.
    public private(set) var done = 0
    /// Shown after the rate (what the workers of a shared ledger have analyzed).
    public var note = ""

    /// A bar for `total` files, drawn only when `enabled` and standard error is a terminal.
    public init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && isatty(2) == 1
    }

    /// Redraws the bar for `done` files, at most a few times a second.
    public func update(done: Int) {
        self.done = done
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(last) >= 0.1 else { return }
        last = now
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        // Clear to the end of the line: a shorter line must not leave the tail of a longer one.
        let text = "\r[\(bar)] \(done)/\(total) " + String(format: "%3.0f%% %.0f files/s", fraction * 100, rate)
            + (note.isEmpty ? "" : " " + note) + "\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the bar's line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
