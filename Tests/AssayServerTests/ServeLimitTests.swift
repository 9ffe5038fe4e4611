import AssayTestSupport
import Foundation
import Testing

/// The limits at the door: daily quotas decided atomically under concurrent uploads, across
/// datanets; the file size while streaming; the per-token rate.
@Suite(.serialized) struct ServeLimitTests {
    /// `count` distinct small text files (paragraphs of a real licence, numbered).
    static func texts(_ count: Int, in folder: TemporaryFolder, prefix: String = "part") throws -> [String] {
        let source = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        let paragraphs = source.components(separatedBy: "\n\n").filter { $0.count > 400 }
        return try (0..<count).map { index in
            try folder.write("\(prefix)-\(index).txt", text: "Section \(index).\n\n" + paragraphs[index % paragraphs.count] + "\n\n"
                + paragraphs[(index * 7 + 3) % paragraphs.count] + "\n")
        }
    }

    @Test func thirtyTwoConcurrentUploadsNeverPassTheDailyFileLimit() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let scratchFiles = TemporaryFolder("quota-files")
        let files = try ServeLimitTests.texts(32, in: scratchFiles)
        let server = try net.serve(["--daily-files", "5", "--burst", "64"])
        defer { #expect(server.stop() == 0) }
        let answers = try Curl.concurrently(32) { index in try Curl.upload(server.base, datanet: "net", file: files[index], token: alice) }
        let kept = answers.filter { $0.status == 201 }
        let refused = answers.filter { $0.status == 429 }
        #expect(kept.count == 5, "\(answers.map(\.status))")
        #expect(refused.count == 27)
        for answer in refused {
            #expect(answer.json["limit"] as? String == "daily_files")
            #expect((answer.json["resets_at"] as? String)?.hasSuffix("T00:00:00Z") == true)
            #expect(answer.headers.lowercased().contains("retry-after:"))
        }
        // Nothing of a refused upload is kept: five files in the folder, none in the spool.
        let stored = try FileManager.default.subpathsOfDirectory(atPath: net.uploads + "/alice/text")
        #expect(stored.count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: net.uploads + "/.assay-spool").isEmpty)
        let metrics = try Curl.request(server.base + "/metrics").body
        #expect(metrics.contains("assay_upload_refusals_total{limit=\"daily_files\"} 27"), "\(metrics)")
        #expect(metrics.contains("assay_uploads_total{datanet=\"net\"} 5"))
    }

    @Test func theContributorsDailyBytesCountAcrossDatanetsAndEachDatanetHasItsOwnCap() throws {
        let scratch = TemporaryFolder("quota-two")
        let first = scratch.url("one/assay.yml"), second = scratch.url("two/assay.yml")
        try FileManager.default.createDirectory(atPath: scratch.url("two"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.url("one"), withIntermediateDirectories: true)
        #expect(try Shell.run([Locations.assay, "init", first]).status == 0)
        #expect(try Shell.run([Locations.assay, "init", second]).status == 0)
        let token = try Shell.run([Locations.assay, "token", "add", "--config", first, "alice"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bob = try Shell.run([Locations.assay, "token", "add", "--config", first, "bob"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let files = try ServeLimitTests.texts(16, in: scratch)
        let sizes = try files.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        // Room for about three of alice's files a day, across both datanets; the second datanet
        // takes about five files a day from everyone.
        let perContributor = sizes.prefix(3).reduce(0, +) + 10
        let server = try ServerProcess(["--datanet", "one=\(first)", "--datanet", "two=\(second)", "--jobs", "1", "--burst", "64", "--answer-within", "300",
                                        "--daily-files", "0", "--daily-bytes", "\(perContributor)", "--datanet-daily-bytes", "1000000"])
        defer { #expect(server.stop() == 0) }
        let answers = try Curl.concurrently(8) { index in
            try Curl.upload(server.base, datanet: index % 2 == 0 ? "one" : "two", file: files[index], token: token)
        }
        let keptBytes = zip(answers, sizes).filter { $0.0.status == 201 }.map(\.1).reduce(0, +)
        #expect(keptBytes <= perContributor, "\(answers.map(\.status))")
        #expect(answers.filter { $0.status == 201 }.count >= 2)
        #expect(answers.filter { $0.status == 429 }.allSatisfy { $0.json["limit"] as? String == "daily_bytes" })
        // Bob's own bytes are counted apart from alice's.
        #expect(try Curl.upload(server.base, datanet: "two", file: files[12], token: bob).status == 201)
    }

    @Test func theDatanetsDailyBytesCapHoldsForEveryone() throws {
        let net = try ServedDatanet()
        let tokens = try ["ann", "ben", "cat", "dan"].map { try net.token($0) }
        let scratchFiles = TemporaryFolder("cap-files")
        let files = try ServeLimitTests.texts(16, in: scratchFiles)
        let sizes = try files.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int ?? 0 }
        let cap = sizes.prefix(5).reduce(0, +)
        let server = try net.serve(["--datanet-daily-bytes", "\(cap)", "--burst", "64"])
        defer { #expect(server.stop() == 0) }
        let answers = try Curl.concurrently(16) { index in try Curl.upload(server.base, datanet: "net", file: files[index], token: tokens[index % 4]) }
        let kept = zip(answers, sizes).filter { $0.0.status == 201 }.map(\.1).reduce(0, +)
        #expect(kept <= cap)
        #expect(answers.contains { $0.json["limit"] as? String == "datanet_daily_bytes" })
    }

    @Test func aFileOverTheSizeLimitIsRefusedWhileItStreams() throws {
        let net = try ServedDatanet(edits: [("max_file_bytes: 10MB", "max_file_bytes: 100000")])
        let alice = try net.token("alice")
        let scratch = TemporaryFolder("large")
        let large = scratch.url("large.txt")
        // 20 MB of real text: far more than the limit, so the refusal comes before the end.
        var text = ""
        let licence = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        while text.utf8.count < 20_000_000 { text += licence }
        try text.write(toFile: large, atomically: true, encoding: .utf8)
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        for arguments in [["-F", "file=@\(large)"], ["--data-binary", "@\(large)", "-H", "Content-Type: application/octet-stream"]] {
            let answer = try Curl.request(server.base + "/datanets/net/files?name=large.txt", token: alice, arguments)
            #expect(answer.status == 413, "\(arguments[0]): \(answer.status) \(answer.body)")
            #expect(answer.json["limit"] as? String == "max_file_bytes")
        }
        #expect(!FileManager.default.fileExists(atPath: net.uploads + "/alice"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: net.uploads + "/.assay-spool").isEmpty)
        // The server goes on serving.
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice).status == 201)
    }

    /// A client that ignores the answer and goes on sending is cut off: a refused upload's
    /// connection is closed a second after the answer (`Connection: close`), not read to the end
    /// of the 4 GB it announced; refused without a token, too.
    @Test func aRefusedUploadsConnectionIsClosedNotReadToItsEnd() throws {
        let net = try ServedDatanet(edits: [("max_file_bytes: 10MB", "max_file_bytes: 100000")])
        let alice = try net.token("alice")
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        // Announces 4 GB, sends zeros until the server closes the connection, then reads what came.
        let client = """
            import socket, sys
            host, port = sys.argv[1].rsplit("/", 1)[-1].split(":")
            s = socket.create_connection((host, int(port)))
            auth = "Authorization: Bearer %s\\r\\n" % sys.argv[2] if sys.argv[2] else ""
            s.sendall(("POST /datanets/net/files?name=big.txt HTTP/1.1\\r\\nHost: x\\r\\n%sContent-Length: 4000000000\\r\\n\\r\\n" % auth).encode())
            chunk, sent = bytes(1 << 20), 0
            try:
                while sent < 4000000000:
                    s.sendall(chunk); sent += len(chunk)
            except OSError:
                pass
            answer = b""
            try:
                s.settimeout(5)
                while True:
                    part = s.recv(65536)
                    if not part: break
                    answer += part
            except OSError:
                pass
            print(sent, answer.split(b"\\r\\n", 1)[0].decode(errors="replace"))
            """
        for (token, status) in [(alice, "413"), ("", "401")] {
            let result = try Shell.run(["python3", "-c", client, server.base, token])
            let fields = result.stdout.split(separator: " ", maxSplits: 1)
            let sent = Int64(fields.first ?? "") ?? -1
            #expect(sent >= 0 && sent < 4_000_000_000, "\(result.stdout) \(result.stderr)")
            #expect(fields.count == 2 && fields[1].contains(status), "\(result.stdout)")
        }
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice).status == 201)
    }

    @Test func aBurstPastTheTokensRateIsAnswered429() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice"), bob = try net.token("bob")
        let server = try net.serve(["--rate", "0.01", "--burst", "4"])
        defer { #expect(server.stop() == 0) }
        let statuses = try Curl.concurrently(12) { _ in try Curl.request(server.base + "/me", token: alice).status }
        #expect(statuses.filter { $0 == 200 }.count <= 5, "four at once, then one per 100 s")
        #expect(statuses.contains(429))
        let limited = try Curl.request(server.base + "/me", token: alice)
        #expect(limited.status == 429)
        #expect(limited.json["limit"] as? String == "rate")
        #expect(limited.headers.lowercased().contains("retry-after:"))
        // Another token has its own bucket.
        #expect(try Curl.request(server.base + "/me", token: bob).status == 200)
    }
}
