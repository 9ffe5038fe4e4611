import AssayServer
import AssayTestSupport
import Foundation
import Testing

/// The streaming multipart reader on bodies a real encoder wrote (Python's urllib3), fed in
/// every chunking from one byte at a time up, and on hostile ones.
@Suite struct MultipartStreamTests {
    /// A body with a text field, the picture as `file`, and another file after it.
    static func encoded(in folder: TemporaryFolder) throws -> (body: [UInt8], contentType: String, file: [UInt8]) {
        let picture = "/usr/share/icons/Adwaita/48x48/places/folder-pictures.png"
        let script = """
            import sys, urllib3
            body, kind = urllib3.encode_multipart_formdata([("note", "a field before the file"),
                ("file", ("folder \\"pictures\\".png", open(sys.argv[1], "rb").read(), "image/png")),
                ("other", ("b.txt", b"--not a boundary\\r\\n", "text/plain"))])
            open(sys.argv[2], "wb").write(body)
            print(kind)
            """
        let out = folder.url("body")
        // urllib3 comes with the test environment's requests (.ci/install-deps).
        let python = Locations.pythonTools.map { $0 + "/python" } ?? "python3"
        let made = try Shell.run([python, "-c", script, picture, out])
        #expect(made.status == 0, "\(made.stderr)")
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), made.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                [UInt8](try Data(contentsOf: URL(fileURLWithPath: picture))))
    }

    /// Feeds `body` in chunks of `size` and returns each part's name, file name and bytes.
    static func parts(_ body: [UInt8], contentType: String, chunk size: Int) throws -> (parts: [(String, String?, [UInt8])], finished: Bool) {
        var stream = try #require(MultipartStream(contentType: contentType))
        var parts: [(String, String?, [UInt8])] = []
        for start in stride(from: 0, to: body.count, by: size) {
            try stream.feed(body[start..<min(start + size, body.count)]) { event in
                switch event {
                case let .part(name, filename): parts.append((name, filename, []))
                case let .data(bytes): parts[parts.count - 1].2 += bytes
                case .partEnd: break
                }
            }
        }
        return (parts, stream.finished)
    }

    @Test func everyChunkingGivesTheSameParts() throws {
        let folder = TemporaryFolder("multipart")
        let (body, contentType, file) = try Self.encoded(in: folder)
        for size in [1, 2, 3, 7, 64, 4096, body.count] {
            let (parts, finished) = try Self.parts(body, contentType: contentType, chunk: size)
            #expect(finished, "chunks of \(size)")
            #expect(parts.map(\.0) == ["note", "file", "other"], "chunks of \(size)")
            #expect(parts[0].1 == nil && parts[0].2 == Array("a field before the file".utf8))
            #expect(parts[1].1 == "folder \"pictures\".png" || parts[1].1 == "folder %22pictures%22.png", "\(parts[1].1 ?? "nil")")
            #expect(parts[1].2 == file, "chunks of \(size)")
            #expect(parts[2].2 == Array("--not a boundary\r\n".utf8))
        }
    }

    @Test func hostileBodiesStayBounded() throws {
        #expect(MultipartStream(contentType: "multipart/form-data") == nil, "no boundary")
        #expect(MultipartStream(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
        // Headers that never end are refused past 16 KiB, not buffered without end.
        var stream = try #require(MultipartStream(contentType: "multipart/form-data; boundary=b"))
        let opening = Array("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\nX-Pad: ".utf8)
        #expect(throws: MultipartStream.Malformed.self) {
            try stream.feed(opening + [UInt8](repeating: 0x61, count: 20_000)) { _ in }
        }
        // A body cut short has not finished (the server then refuses the upload as incomplete).
        let folder = TemporaryFolder("multipart-cut")
        let (body, contentType, _) = try Self.encoded(in: folder)
        let cut = try Self.parts(Array(body.prefix(body.count - 10)), contentType: contentType, chunk: 512)
        #expect(!cut.finished)
    }
}
