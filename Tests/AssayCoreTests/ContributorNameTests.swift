import AssayCore
import Testing

/// Contributor names compared as people read them (Unicode TS #39 skeletons through ICU).
@Suite struct ContributorNameTests {
    func skeleton(_ name: String) throws -> String {
        try ContributorName.judge(name).get().skeleton
    }

    @Test(arguments: ["Alice", "ALICE", "\u{430}lice", "\u{FF41}\u{FF4C}\u{FF49}\u{FF43}\u{FF45}", "a\u{6C}ic\u{435}", "alıce"])
    func looksLikeAlice(_ name: String) throws {
        #expect(try skeleton(name) == (try skeleton("alice")), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test(arguments: ["alicia", "bob", "al1ce-2", "Алиса", "愛麗絲"])
    func isAnotherName(_ name: String) throws {
        #expect(try skeleton(name) != (try skeleton("alice")))
    }

    @Test(arguments: ["alice\u{200B}", "\u{200D}alice", "al\u{00AD}ice", "alice ", " alice", "al\u{7}ice", "al\u{E000}ice", "alice\u{2028}", ""])
    func cannotNameAPerson(_ name: String) {
        guard case let .failure(problem) = ContributorName.judge(name) else {
            Issue.record("\(name.unicodeScalars.map { String($0.value, radix: 16) }) was accepted")
            return
        }
        #expect(!problem.message.isEmpty)
    }
}
