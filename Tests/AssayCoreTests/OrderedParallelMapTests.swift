@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
import Foundation
import Synchronization
import Testing

/// The ordered parallel map: results in input order whatever the threads do, never more than
/// `window` items in flight, and early stops that pull no further input.
@Suite struct OrderedParallelMapTests {
    /// Counts inputs pulled and the most in flight at once.
    final class Counter: Sequence, IteratorProtocol {
        let total: Int
        var pulled = 0
        var consumed = 0
        var mostInFlight = 0

        init(_ total: Int) { self.total = total }

        func next() -> Int? {
            guard pulled < total else { return nil }
            pulled += 1
            mostInFlight = Swift.max(mostInFlight, pulled - consumed)
            return pulled - 1
        }
    }

    @Test(arguments: [1, 2, 4])
    func resultsComeBackInInputOrder(workers: Int) throws {
        let map = OrderedParallelMap<Int, Int>(workers: workers, window: 8)
        let inputs = Counter(2_000)
        var seen: [Int] = []
        // Uneven work, so workers finish out of order.
        let count = map.run(inputs, transform: { n in
            var x = UInt64(n)
            for _ in 0..<((n * 7919) % 5_000) { x = x &* 6364136223846793005 &+ 1 }
            return n * 2 + Int(x & 0)
        }) { input, output in
            inputs.consumed += 1
            #expect(output == input * 2)
            seen.append(input)
            return true
        }
        #expect(count == 2_000)
        #expect(seen == Array(0..<2_000))
        #expect(inputs.mostInFlight <= 8)
    }

    @Test func stoppingEarlyPullsNoMoreInput() throws {
        let map = OrderedParallelMap<Int, Int>(workers: 2, window: 4)
        let inputs = Counter(1_000)
        let count = map.run(inputs, transform: { $0 }) { _, output in
            inputs.consumed += 1
            return output < 9
        }
        #expect(count == 10)
        #expect(inputs.pulled <= 10 + 4)
    }

    @Test func aThrowingConsumerEndsTheRun() {
        struct Stop: Error {}
        let map = OrderedParallelMap<Int, Int>(workers: 2, window: 4)
        let ran = Atomic<Int>(0)
        #expect(throws: Stop.self) {
            try map.run(0..<1_000, transform: { n in
                ran.add(1, ordering: .relaxed)
                return n
            }) { _, output in
                if output == 5 { throw Stop() }
                return true
            }
        }
        #expect(ran.load(ordering: .relaxed) < 1_000)
    }

    #if os(Linux)
    /// The workers yield to the thread that consumes in order: they run at nice 5, it keeps its own.
    @Test func workersRunNicerThanTheCallingThread() {
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let map = OrderedParallelMap<Int, Int32>(workers: 2, window: 4)
        var seen: Set<Int32> = []
        map.run(0..<8, transform: { _ in getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }) { _, nice in
            seen.insert(nice)
            return true
        }
        #expect(seen == [min(own + 5, 19)])
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == own)
    }
    #endif
}
