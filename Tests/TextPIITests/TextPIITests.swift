import AssayCore
import Foundation
import Testing
@testable import TextPII

/// `text-pii` on a real text (the GPL-3, which has none of these) with values planted in it, and
/// near misses that must not count.
@Suite struct TextPIITests {
    static let gpl = (try? String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)) ?? ""

    func found(_ planted: String) -> [PIIKind: Int] {
        let text = Self.gpl.replacingOccurrences(of: "Preamble", with: "Preamble " + planted + " ")
        return PIIScanner.scan(Array(text.utf8)).mapValues(\.count)
    }

    func analyze(_ text: String, options: TextPIIOptions = TextPIIOptions()) throws -> Finding {
        let bytes = Array(text.utf8)
        let submission = Submission(root: "/", path: "a/text/x.txt", absolutePath: "/a/text/x.txt", contributor: "a", modalityName: "text",
                                    submittedAt: 0, bytes: Int64(bytes.count))
        return try TextPII(options: options).analyze(FileInput(submission: submission, bytes: bytes, sha256: "", mime: "text/plain"))
    }

    @Test func theGPLHasNone() {
        #expect(PIIScanner.scan(Array(Self.gpl.utf8)).isEmpty)
    }

    @Test(arguments: [
        ("write to jane.doe+lists@mail.co.uk today", PIIKind.email),
        ("call +44 20 7946 0958 now", .phone),
        ("call (617) 542-5942, 9am", .phone),
        ("or 617-542-5942.", .phone),
        ("card 4111 1111 1111 1111 exp", .card),
        ("amex 378282246310005.", .card),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", .iban),
        ("pay DE89370400440532013000", .iban),
        ("server 93.184.216.34 answered", .ip),
        ("host 2606:4700:4700::1111 answered", .ip),
        ("key AKIAIOSFODNN7EXAMPLE leaked", .secret),
        ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked", .secret),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2bZ9V7Qm3kQw8TlZ1uY4pD0fJ8rXxk3mVbQ\n-----END RSA PRIVATE KEY-----", .secret),
    ])
    func aPlantedValueIsFound(_ planted: String, _ kind: PIIKind) {
        #expect(found(planted) == [kind: 1], "\(planted)")
    }

    @Test(arguments: [
        "version 3.2.10 of the tool and 1.2.3.4.5",
        "private 192.168.1.20 and 10.0.0.1 and 127.0.0.1",
        "documentation 192.0.2.7 and 2001:db8::1 and fe80::1",
        "card 4111 1111 1111 1112 fails Luhn",
        "an ISBN 978-0-262-03384-8 and a date 2026-11-24",
        "GB82 WEST 1234 5698 7654 33 fails mod-97",
        "ratio 1:2:3 and time 12:30:45",
        "a@b is not an address; nor is x@localhost",
        "AKIA too short",
        "section 4.6.2.2 Instruction Cache and 2.1.1.2 Timestamp types",
        "a table 3809 29293 83084 93317 28136 72165 71975 of numbers",
        "-----BEGIN RSA PRIVATE KEY-----\n    ... (the key)",
        "bonding arp_ip_target=+192.168.1.2 option",
        "an offset of +000000120 bytes",
    ])
    func aNearMissIsNot(_ text: String) {
        #expect(found(text).isEmpty, "\(text): \(found(text))")
    }

    @Test func secretsAndCardsRejectTheRestIsCounted() throws {
        let text = Self.gpl + "\nContact jane@mail.co.uk or +1 617 542 5942. Card 5555 5555 5555 4444. Key AKIAIOSFODNN7EXAMPLE.\n"
        let finding = try analyze(text)
        #expect(finding.reasons.map(\.code) == ["text.pii_card", "text.pii_secret"])
        #expect(finding.metrics["text.pii_emails"] == 1 && finding.metrics["text.pii_phones"] == 1)
        #expect(!finding.reasons.contains { $0.message.contains("5555") || $0.message.contains("AKIA") }, "never the value itself")
        var strict = TextPIIOptions()
        strict.reject = ["email", "phone"]
        #expect(try analyze(text, options: strict).reasons.map(\.code) == ["text.pii_email", "text.pii_phone"])
    }

    /// Runs of the characters each detector anchors on (200 KB each). A detector that rescans from
    /// every anchor to the end of the run would need ~10^10 steps per run and hang the suite; the
    /// linear scanner finishes and finds nothing, since none of these runs is a value. No time
    /// limit: under a loaded parallel run a test can wait minutes for a thread, so a limit flakes.
    @Test(arguments: ["@", "1-", "4", "::", "GB82", "-----BEGIN "])
    func hostileInputIsLinear(_ unit: String) throws {
        let run = String(repeating: unit, count: 200_000 / unit.count)
        #expect(PIIScanner.scan(Array(run.utf8)).isEmpty, "a run of \(unit) is not PII")
        #expect(PIIScanner.scan(Array(("mail jane@mail.co.uk " + run).utf8)).mapValues(\.count) == [.email: 1],
                "the value before the run is still found")
    }
}
