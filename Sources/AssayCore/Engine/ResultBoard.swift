import Foundation

/// Where workers post results by sequence number and the decider takes them back in order.
final class ResultBoard<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `results` holds `condition`.
    private let condition = NSCondition()
    private var results: [Int64: Element] = [:]

    func post(_ result: Element, at sequence: Int64) {
        condition.lock()
        results[sequence] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the result for `sequence` is posted, then removes and returns it.
    func take(_ sequence: Int64) -> Element {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = results.removeValue(forKey: sequence) { return result }
            condition.wait()
        }
    }
}
