@testable import External
import Synchronization

/// Lines a plugin pool wrote to its log (plugin stderr and Assay's notes), kept for assertions.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    /// The log to hand to a validator.
    var log: PluginLog { PluginLog { [self] line in lines.withLock { $0.append(line) } } }

    /// Every line so far.
    var all: [String] { lines.withLock { $0 } }

    /// True when some line contains `text`.
    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
}
