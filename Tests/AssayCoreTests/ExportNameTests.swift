@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
@testable import AssayReports
import Testing

/// Names of exported media files: unique by the whole identity hash, safe for every loader.
@Suite struct ExportNameTests {
    func name(_ path: String, root: String = "/data/net") -> String {
        HFDatasetWriter.exportName(of: Verdict(root: root, path: path, contributor: "c", modality: "image", bytes: 1, sha256: nil,
                                               mime: nil, submittedAt: 0, verdict: .accepted, reasons: [], metrics: [:], duplicateOf: nil))
    }

    @Test func theWholeIdentityHashPrefixesALoaderSafeName() {
        let made = name("alice/image/a\\b%c\nd e.png")
        let parts = made.split(separator: "-", maxSplits: 1)
        #expect(parts[0].count == 64 && parts[0].allSatisfy(\.isHexDigit))
        #expect(parts[1] == "a_b_c_d_e.png")
        #expect(name("bob/image/ünïcode.png").hasSuffix("-ünïcode.png"), "letters of any script are kept")
        #expect(name("alice/image/cat.png") != name("bob/image/cat.png"))
        #expect(name("alice/image/cat.png", root: "/a") != name("alice/image/cat.png", root: "/b"))
        let long = name("alice/image/" + String(repeating: "x", count: 300) + ".png")
        #expect(long.utf8.count <= 255 && long.hasSuffix(".png"))
    }
}
