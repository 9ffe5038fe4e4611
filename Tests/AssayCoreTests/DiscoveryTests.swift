import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// Discovery on real folders: layout, hidden files, links, special files, sizes, manifests.
@Suite struct DiscoveryTests {
    func discover(_ root: String, maxFileBytes: Int64 = 1_000) throws -> [String: DiscoveredFile] {
        var found: [String: DiscoveredFile] = [:]
        try FolderWalker(layout: .standard, maxFileBytes: maxFileBytes).walk(root: root) { found[$0.submission.path] = $0 }
        return found
    }

    @Test func layoutGivesContributorAndModality() throws {
        let folder = TemporaryFolder()
        try folder.write("alice/text/deep/er/note.txt", text: "hello")
        try folder.write("README.md", text: "not a submission")
        try folder.write("bob/stray.txt", text: "not a submission")
        let found = try discover(folder.path)
        #expect(found.keys.sorted() == ["alice/text/deep/er/note.txt"])
        let file = try #require(found["alice/text/deep/er/note.txt"])
        #expect(file.submission.contributor == "alice" && file.submission.modality == .text)
        #expect(file.refusal == nil && file.submission.bytes == 5)
    }

    @Test func hiddenFilesAndFoldersAreSkipped() throws {
        let folder = TemporaryFolder()
        try folder.write("alice/text/.draft.txt", text: "x")
        try folder.write("alice/.git/text/a.txt", text: "x")
        try folder.write(".cache/image/a.png", text: "x")
        #expect(try discover(folder.path).isEmpty)
    }

    @Test func unknownModalityFolderIsRefused() throws {
        let folder = TemporaryFolder()
        try folder.write("alice/video/clip.mp4", text: "x")
        let file = try #require(try discover(folder.path)["alice/video/clip.mp4"])
        #expect(file.refusal?.code == "intake.unknown_modality")
    }

    @Test func emptyAndOversizedFilesAreRefusedWithoutReading() throws {
        let folder = TemporaryFolder()
        try folder.write("alice/text/empty.txt", bytes: [])
        try folder.write("alice/text/big.txt", bytes: [UInt8](repeating: 65, count: 1_001))
        try folder.write("alice/text/fits.txt", bytes: [UInt8](repeating: 65, count: 1_000))
        let found = try discover(folder.path)
        #expect(found["alice/text/empty.txt"]?.refusal?.code == "intake.empty")
        let big = try #require(found["alice/text/big.txt"]?.refusal)
        #expect(big.code == "intake.too_large" && big.value == .number(1_001) && big.limit == .number(1_000))
        #expect(found["alice/text/fits.txt"]?.refusal == nil)
    }

    @Test func linksLeavingTheRootAreRefused() throws {
        let folder = TemporaryFolder(), outside = TemporaryFolder()
        let target = try outside.write("secret.txt", text: "outside")
        try folder.write("alice/text/inside.txt", text: "inside")
        try FileManager.default.createDirectory(atPath: folder.url("alice/image"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url("alice/text/escape.txt"), withDestinationPath: target)
        try FileManager.default.createSymbolicLink(atPath: folder.url("alice/text/dev.txt"), withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: folder.url("alice/text/broken.txt"), withDestinationPath: folder.url("nowhere"))
        try FileManager.default.createSymbolicLink(atPath: folder.url("alice/text/alias.txt"), withDestinationPath: folder.url("alice/text/inside.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.url("alice/image/loop"), withDestinationPath: folder.url("alice"))
        let found = try discover(folder.path)
        #expect(found["alice/text/escape.txt"]?.refusal?.code == "intake.symlink_escape")
        #expect(found["alice/text/dev.txt"]?.refusal?.code == "intake.symlink_escape")
        #expect(found["alice/text/broken.txt"]?.refusal?.code == "intake.symlink_escape")
        // A link inside the folder is refused too: it could move a file between contributors.
        #expect(found["alice/text/alias.txt"]?.refusal?.code == "intake.symlink")
        #expect(found["alice/text/inside.txt"]?.refusal == nil)
        #expect(found["alice/image/loop"] == nil, "a linked folder inside the root is not walked twice")
        #expect(found.count == 5)
    }

    @Test func fifosSocketsAndDevicesAreRefused() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.url("alice/audio"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.url("alice/audio/pipe.wav"), 0o644) == 0)
        let socket = try Shell.run(["python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", folder.url("alice/audio/sock.wav")])
        #expect(socket.status == 0, "\(socket.stderr)")
        let device = try Shell.run(["mknod", folder.url("alice/audio/null.wav"), "c", "1", "3"])
        let found = try discover(folder.path)
        #expect(found["alice/audio/pipe.wav"]?.refusal?.code == "intake.not_regular")
        #expect(found["alice/audio/sock.wav"]?.refusal?.code == "intake.not_regular")
        if device.status == 0 {
            #expect(found["alice/audio/null.wav"]?.refusal?.code == "intake.not_regular")
        }
    }

    @Test func missingRootIsAnError() {
        #expect(throws: DiscoveryError.self) {
            try FolderWalker(layout: .standard, maxFileBytes: 10).walk(root: "/nonexistent/assay") { _ in }
        }
    }

    @Test func modalityFirstLayout() throws {
        let folder = TemporaryFolder()
        try folder.write("image/carol/a.png", text: "x")
        var found: [DiscoveredFile] = []
        let layout = try #require(Layout.parse("{modality}/{contributor}/**"))
        try FolderWalker(layout: layout, maxFileBytes: 10).walk(root: folder.path) { found.append($0) }
        #expect(found.first?.submission.contributor == "carol" && found.first?.submission.modality == .image)
    }

    @Test func manifestGivesTimesContributorsAndModalities() throws {
        let folder = TemporaryFolder()
        try folder.write("files/one.txt", text: "one")
        try folder.write("files/two.png", text: "two")
        let manifest = try folder.write("subs.csv", text: """
            path,contributor,modality,submitted_at
            files/one.txt,alice,text,2026-11-24T10:00:00Z
            "files/two.png",bob,image,2026-11-24T12:30:00+02:00
            files/gone.txt,carol,text,2026-11-24T10:00:00.250Z

            """)
        var found: [String: DiscoveredFile] = [:]
        try ManifestReader(maxFileBytes: 100).read(manifest: manifest) { found[$0.submission.path] = $0 }
        #expect(found["files/one.txt"]?.submission.submittedAt == RFC3339.parse("2026-11-24T10:00:00Z"))
        #expect(RFC3339.format(try #require(found["files/two.png"]?.submission.submittedAt)) == "2026-11-24T10:30:00Z")
        #expect(found["files/two.png"]?.submission.contributor == "bob")
        #expect(found["files/gone.txt"]?.refusal?.code == "intake.unreadable")
    }

    @Test func malformedManifestNamesTheLine() throws {
        let folder = TemporaryFolder()
        let manifest = try folder.write("subs.csv", text: "path,contributor,modality,submitted_at\na.txt,alice,text,yesterday\n")
        do {
            try ManifestReader(maxFileBytes: 100).read(manifest: manifest) { _ in }
            Issue.record("a bad time must fail")
        } catch let error as DiscoveryError {
            #expect(error.message.contains("subs.csv:2"))
            #expect(error.message.contains("RFC 3339"))
        }
    }
}
