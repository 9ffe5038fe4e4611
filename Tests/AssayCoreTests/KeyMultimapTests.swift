import Testing
@testable import AssayKit

/// The duplicate indexes' flat key table finds what a dictionary of arrays finds.
@Suite struct KeyMultimapTests {
    @Test func findsEveryDocumentFiledUnderAKeyThroughItsGrowth() {
        var map = KeyMultimap()
        var reference: [UInt64: [Int32]] = [:]
        var generator = SystemRandomNumberGenerator()
        // Keys 0 and UInt64.max are ordinary keys; a few keys name many documents (one shared
        // LSH band), most name one.
        let shared: [UInt64] = [0, .max, 42]
        for document in Int32(0)..<20_000 {
            var keys = Set((0..<5).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) })
            if document % 7 == 0 { keys.insert(shared[Int(document) % 3]) }
            for key in keys {
                map.insert(key, document: document)
                reference[key, default: []].append(document)
            }
        }
        #expect(map.count == reference.values.map(\.count).reduce(0, +))
        for (key, documents) in reference {
            var found: [Int32] = []
            map.forEachDocument(filedUnder: key) { found.append($0) }
            #expect(found.sorted() == documents)
        }
        var none = 0
        map.forEachDocument(filedUnder: 7) { _ in none += 1 }
        #expect(none == (reference[7]?.count ?? 0))
    }
}
