import AssayTestSupport
import Foundation
import Testing

/// What an operator and a browser see: health, metrics, the OpenAPI document, the pages in
/// headless Chromium, graceful shutdown with uploads in flight, and two servers on one
/// PostgreSQL ledger.
@Suite(.serialized) struct ServeOperationsTests {
    @Test func healthMetricsAndTheOpenAPIDocumentAreServed() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        let health = try Curl.request(server.base + "/healthz")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice).status == 201)
        let metrics = try Curl.request(server.base + "/metrics").body
        #expect(metrics.contains("assay_verdicts_total{verdict=\"accepted\"} 1"), "\(metrics)")
        #expect(metrics.contains("assay_run_seconds_count 1"))
        let spec = try Curl.request(server.base + "/openapi.yaml")
        #expect(spec.status == 200)
        #expect(spec.body == (try String(contentsOfFile: Locations.packageRoot + "/docs/openapi.yaml", encoding: .utf8)),
                "docs/openapi.yaml is stale: assay serve --openapi > docs/openapi.yaml")
        #expect(try Curl.request(server.base + "/datanets/none/files", token: alice, ["-F", "file=@/usr/share/common-licenses/BSD"]).status == 404)
        let unknown = try Curl.request(server.base + "/datanets/net/files?name=data.bin", token: alice, ["--data-binary", "@/usr/share/common-licenses/BSD"])
        #expect(unknown.status == 415)
    }

    /// Between full walks a run stages only the uploads it places: a file put into the folder by
    /// hand is not seen until the next full walk (the first run of a server, or `--walk-every`).
    @Test func betweenFullWalksARunJudgesOnlyItsOwnUploads() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        func known(_ name: String) throws -> Bool {
            try Shell.run(["sqlite3", net.ledger, "SELECT count(*) FROM files WHERE path LIKE '%\(name)%'"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        }
        let server = try net.serve()
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice).status == 201)
        try FileManager.default.createDirectory(atPath: net.uploads + "/bob/text", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/usr/share/common-licenses/GPL-3", toPath: net.uploads + "/bob/text/by-hand.txt")
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/MPL-2.0", token: alice).status == 201)
        #expect(try known("MPL-2.0") && !(try known("by-hand")))
        #expect(server.stop() == 0)
        let walking = try net.serve(["--walk-every", "0"])
        defer { #expect(walking.stop() == 0) }
        #expect(try Curl.upload(walking.base, datanet: "net", file: "/usr/share/common-licenses/BSD", token: alice).status == 201)
        #expect(try known("by-hand"))
    }

    @Test func aLongAnalysisIsAnswered202WithAStatusURLThatShowsTheVerdictLater() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let server = try net.serve(["--answer-within", "0"])
        defer { #expect(server.stop() == 0) }
        let answer = try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice)
        #expect(answer.status == 202, "\(answer.body)")
        let url = try #require(answer.json["status_url"] as? String)
        #expect(answer.headers.lowercased().contains("location: \(url)"))
        var status = ""
        for _ in 0..<240 where status != "judged" {
            Thread.sleep(forTimeInterval: 0.25)
            status = try Curl.request(server.base + url, token: alice).json["status"] as? String ?? ""
        }
        #expect(status == "judged")
        let verdict = try Curl.request(server.base + url, token: alice).json["verdict"] as? [String: Any]
        #expect(verdict?["verdict"] as? String == "accepted")
    }

    @Test func leftoversOfACrashNeitherStopJudgingNorStayInTheSpool() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        // A server that died: a half-received file an hour old, one still young, and an admitted
        // upload whose bytes someone deleted from the spool.
        let spool = net.uploads + "/.assay-spool"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        try Shell.run(["cp", "/usr/share/common-licenses/BSD", spool + "/0123456789abcdef0123.part"])
        try Shell.run(["touch", "-d", "2 hours ago", spool + "/0123456789abcdef0123.part"])
        try Shell.run(["cp", "/usr/share/common-licenses/BSD", spool + "/fedcba98765432100000.part"])
        let now = Int(Date().timeIntervalSince1970) - 5
        let inserted = try Shell.run(["sqlite3", net.ledger, """
            INSERT INTO serve_uploads(id, datanet, contributor, name, root, path, spool, modality, bytes, sha256, submitted_at, placed)
            VALUES ('aaaaaaaaaaaaaaaaaaaa', 'net', 'alice', 'gone.txt', '\(net.folder.url("uploads"))', 'alice/text/aaaaaaaaaaaaaaaaaaaa-gone.txt',
                    '\(spool)/aaaaaaaaaaaaaaaaaaaa.part', 'text', 10, 'x', \(now), 0)
            """])
        #expect(inserted.status == 0, "\(inserted.stderr)")
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        #expect(!FileManager.default.fileExists(atPath: spool + "/0123456789abcdef0123.part"), "an hour-old leftover is removed")
        #expect(FileManager.default.fileExists(atPath: spool + "/fedcba98765432100000.part"), "a young one may still be arriving")
        let answer = try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/Apache-2.0", token: alice)
        #expect(answer.status == 201, "\(answer.body)")
        #expect(server.stderr.contains("upload aaaaaaaaaaaaaaaaaaaa is gone"))
        #expect(try Curl.request(server.base + "/healthz").status == 200)
    }

    @Test func aBadConfigOrAddressIsAUsageErrorBeforeAnythingIsServed() throws {
        let net = try ServedDatanet(edits: [("max_file_bytes: 10MB", "max_file_bytes: lots")])
        let bad = try Shell.run([Locations.assay, "serve", "--config", net.config, "--listen", "127.0.0.1:0"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(net.config + ":"), "\(bad.stderr)")
        let good = try ServedDatanet()
        #expect(try Shell.run([Locations.assay, "serve", "--config", good.config, "--listen", "nowhere"]).status == 2)
        #expect(try Shell.run([Locations.assay, "serve", "--config", good.config, "--name", "a/b", "--listen", "127.0.0.1:0"]).status == 2)
        #expect(try Shell.run([Locations.assay, "serve", "--datanet", "x=\(good.config)", "--datanet", "x=\(good.config)", "--listen", "127.0.0.1:0"]).status == 2)
        // A port another server holds: exit 1, saying so.
        let server = try good.serve()
        defer { #expect(server.stop() == 0) }
        let port = server.base.split(separator: ":").last.map(String.init) ?? "0"
        let busy = try Shell.run([Locations.assay, "serve", "--config", good.config, "--folder", good.folder.url("other"), "--listen", "127.0.0.1:\(port)"])
        #expect(busy.status == 1, "\(busy.stderr)")
        #expect(busy.stderr.contains("cannot serve on 127.0.0.1:\(port)"))
    }

    @Test func thePagesWorkInHeadlessChromiumWithoutJavaScript() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/GPL-3", token: alice).status == 201)
        // The public page, rendered by a real browser with scripts off.
        let profile = TemporaryFolder("chromium")
        // (--dump-dom needs scripts on to serialise the page; the pages themselves have none.)
        let browser = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.url("profile"))"]
        let dom = try Shell.run(browser + ["--dump-dom", server.base + "/"])
        #expect(dom.stdout.contains("<table id=\"leaderboard\">"), "\(dom.stderr)")
        #expect(dom.stdout.contains("<td>alice</td>"))
        #expect(dom.stdout.contains("name=\"token\""))
        #expect(!(try Curl.request(server.base + "/").body.contains("<script")), "usable without JavaScript")
        // Signing in, uploading with the form and listing files, as a browser posts them.
        let jar = profile.url("cookies")
        let signedIn = try Curl.request(server.base + "/login", ["-c", jar, "--data-urlencode", "token=\(alice)"])
        #expect(signedIn.status == 303)
        #expect(signedIn.headers.contains("HttpOnly") && signedIn.headers.contains("SameSite=Strict"))
        let form = try Curl.request(server.base + "/ui/upload", ["-b", jar])
        #expect(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("action=\"/ui/datanets/net/files\""))
        let posted = try Curl.request(server.base + "/ui/datanets/net/files", ["-b", jar, "-F", "file=@/usr/share/common-licenses/GPL-3;filename=GPL-3.txt"])
        #expect(posted.status == 201)
        #expect(posted.body.contains("<b>rejected</b>") && posted.body.contains("text.dup_exact"))
        let files = try Curl.request(server.base + "/ui/files", ["-b", jar])
        #expect(files.body.components(separatedBy: "<td class=\"verdict\">").count == 3)
        #expect(!files.body.contains("<script") && !form.body.contains("<script"))
        // The signed-in pages as Chromium parses them (saved as the browser received them).
        let saved = try profile.write("files.html", text: files.body)
        let parsed = try Shell.run(browser + ["--dump-dom", "file://" + saved])
        #expect(parsed.stdout.components(separatedBy: "<td class=\"verdict\">").count == 3, "\(parsed.stderr)")
        #expect(parsed.stdout.contains("<i>") , "hints are shown")
        #expect(try Curl.request(server.base + "/ui/files").status == 303)
    }

    @Test func sigtermLetsKeptUploadsFinishAndKeepsNothingHalfReceived() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let scratchFiles = TemporaryFolder("shutdown")
        let files = try ServeLimitTests.texts(8, in: scratchFiles)
        let server = try net.serve(["--burst", "64"])
        let stopped = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: Int32 = -1
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            status = server.stop()
            stopped.signal()
        }
        let answers = try Curl.concurrently(8) { index in try Curl.upload(server.base, datanet: "net", file: files[index], token: alice) }
        stopped.wait()
        #expect(status == 0, "\(server.stderr)")
        // Every answer is a verdict or a refused connection; each kept upload is judged and placed.
        #expect(answers.allSatisfy { $0.status == 201 || $0.status == 0 }, "\(answers.map(\.status))")
        let kept = try Shell.run(["sqlite3", net.ledger, "SELECT count(*), sum(placed) FROM serve_uploads"]).stdout
        let judged = answers.filter { $0.status == 201 }.count
        #expect(kept.hasPrefix("\(judged)|\(judged)") || (judged == 0 && kept.hasPrefix("0|")), "\(kept)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: net.uploads + "/.assay-spool").isEmpty)
    }

    @Test func twoServersOnOnePostgreSQLLedgerShareQuotasAndAnswerTheSameVerdicts() throws {
        guard PostgresTestServer.address != nil else { return print("skipped: \(PostgresTestServer.skipReason)") }
        let database = try PostgresTestServer.freshDatabase("serve_two")
        let net = try ServedDatanet()
        let alice = try net.token("alice", ledger: database)
        let scratchFiles = TemporaryFolder("pg-files")
        let files = try ServeLimitTests.texts(24, in: scratchFiles)
        let one = try net.serve(["--ledger", database, "--daily-files", "7", "--burst", "64"])
        let two = try net.serve(["--ledger", database, "--daily-files", "7", "--burst", "64"])
        let answers = try Curl.concurrently(24) { index in
            try Curl.upload(index % 2 == 0 ? one.base : two.base, datanet: "net", file: files[index], token: alice)
        }
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
        #expect(answers.filter { $0.status == 201 }.count == 7, "\(answers.map { "\($0.status) \($0.body.prefix(120))" })")
        #expect(answers.filter { $0.status == 429 }.count == 17)
        // The invariant holds across both processes.
        let scratch = TemporaryFolder("pg-invariant")
        #expect(try Shell.run([Locations.assay, "intake", "export", "--config", net.config, "--ledger", database, "--out", scratch.url("intake.csv")]).status == 0)
        let run = try Shell.run([Locations.assay, "run", "-q", "--config", net.config, "--ledger", scratch.url("fresh.sqlite"),
                                 "--intake", scratch.url("intake.csv"), "--verdicts", scratch.url("fresh.jsonl"), net.uploads])
        #expect(run.status == 0, "\(run.stderr)")
        let fresh = try String(contentsOfFile: scratch.url("fresh.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(fresh.count == 7)
        for answer in answers where answer.status == 201 {
            var served = answer.json
            served.removeValue(forKey: "upload")
            served["reasons"] = ((served["reasons"] as? [[String: Any]]) ?? []).map { $0.filter { $0.key != "hint" } }
            #expect(fresh.contains { line in
                NSDictionary(dictionary: (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]).isEqual(to: served)
            }, "\(answer.body)")
        }
    }
}
