import AssayTestSupport
import Foundation
import Testing

/// Uploads to a real `assay serve` with curl: the verdict in the response, tokens, privacy,
/// immutability.
@Suite(.serialized) struct ServeUploadTests {
    /// The verdict `assay check --json` gives `file` on the same config (no ledger).
    func checked(_ file: String, config: String) throws -> [String: Any] {
        let result = try Shell.run([Locations.assay, "check", "--json", "--config", config, file])
        let line = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        return (try JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    static func codes(_ verdict: [String: Any]) -> [String] {
        ((verdict["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted()
    }

    @Test func eachModalityIsAnsweredWithTheVerdictCheckGives() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice")
        let scratch = TemporaryFolder("serve-files")
        let speech = scratch.url("speech.wav")
        try Shell.run(["espeak-ng", "-w", speech, "A contributor reads a sentence aloud for the shared dataset, slowly and clearly."])
        let silence = scratch.url("silence.wav")
        try Shell.run(["sox", "-n", "-r", "16000", "-c", "1", silence, "trim", "0", "3"])
        let licence = try scratch.copy("/usr/share/common-licenses/Apache-2.0", to: "Apache-2.0.txt")
        let files = [licence, "/usr/share/icons/Adwaita/512x512/places/folder-pictures.png",
                     Locations.corpora + "/pngsuite/basn0g01.png", speech, silence]
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        for file in files {
            let answer = try Curl.upload(server.base, datanet: "net", file: file, token: alice)
            #expect(answer.status == 201, "\(file): \(answer.body)")
            let served = answer.json
            let expected = try checked(file, config: net.config)
            #expect(served["verdict"] as? String == expected["verdict"] as? String, "\(file): \(answer.body)")
            #expect(Self.codes(served) == Self.codes(expected), "\(file)")
            #expect(served["contributor"] as? String == "alice")
            let upload = served["upload"] as? [String: Any] ?? [:]
            #expect((upload["name"] as? String)?.hasPrefix((file as NSString).lastPathComponent) == true)
            #expect(answer.headers.lowercased().contains("location: /me/files/\(upload["id"] as? String ?? "?")"))
            // Where the server put it: its own name under the contributor's modality folder.
            let path = served["path"] as? String ?? ""
            #expect(path.hasPrefix("alice/\(served["modality"] as? String ?? "?")/\(upload["id"] as? String ?? "?")-"))
            #expect(FileManager.default.contentsEqual(atPath: net.uploads + "/" + path, andPath: file))
        }
        _ = licence
        // Reasons come with hints, as in `assay check`.
        let list = try Curl.request(server.base + "/me/files", token: alice)
        #expect(list.status == 200)
        #expect(list.body.contains("\"hint\":"))
        #expect((list.json["files"] as? [Any])?.count == files.count)
        let me = try Curl.request(server.base + "/me", token: alice).json
        #expect(me["files"] as? Int == files.count)
        #expect(me["name"] as? String == "alice")
    }

    @Test func tokensAreRequiredAndRevocable() throws {
        let net = try ServedDatanet()
        let bob = try net.token("bob")
        // One person, one name: a look-alike of an account is refused, so is a path.
        let lookalike = try Shell.run([Locations.assay, "token", "add", "--config", net.config, "Bob"])
        #expect(lookalike.status == 2)
        #expect(lookalike.stderr.contains("reads the same as 'bob'"))
        #expect(try Shell.run([Locations.assay, "token", "add", "--config", net.config, "../etc"]).status == 2)
        // Only the hash is stored.
        let stored = try Shell.run(["sqlite3", net.ledger, "SELECT hash FROM serve_tokens"]).stdout
        #expect(!stored.contains(bob) && stored.count > 60)
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        let file = "/usr/share/common-licenses/MPL-2.0"
        #expect(try Curl.upload(server.base, datanet: "net", file: file, token: nil).status == 401)
        #expect(try Curl.upload(server.base, datanet: "net", file: file, token: "assay_not-a-token").status == 401)
        let missing = try Curl.request(server.base + "/me", token: nil)
        #expect(missing.status == 401)
        #expect(missing.headers.lowercased().contains("www-authenticate: bearer"))
        #expect(try Curl.request(server.base + "/me", token: bob).status == 200)
        #expect(try Shell.run([Locations.assay, "token", "revoke", "--config", net.config, "bob"]).status == 0)
        #expect(try Curl.request(server.base + "/me", token: bob).status == 401)
        #expect(try Curl.upload(server.base, datanet: "net", file: file, token: bob).status == 401)
        // Curator endpoints are for curators.
        let carol = try net.token("carol")
        let dora = try net.token("dora", curator: true)
        #expect(try Curl.request(server.base + "/curator/tokens", token: carol).status == 403)
        let tokens = try Curl.request(server.base + "/curator/tokens", token: dora)
        #expect(tokens.status == 200)
        #expect(tokens.body.contains("\"name\":\"bob\"") && !tokens.body.contains(bob))
        #expect(!server.accessLog.contains(bob) && !server.accessLog.contains(dora), "tokens never reach the access log")
        #expect(server.accessLog.contains("\"path\":\"/curator/tokens\""))
    }

    @Test func contributorsNeverSeeEachOthersFilesAndUploadsAreImmutable() throws {
        let net = try ServedDatanet()
        let alice = try net.token("alice"), bob = try net.token("bob")
        let server = try net.serve()
        defer { #expect(server.stop() == 0) }
        let first = try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/GPL-3", token: alice)
        #expect(first.status == 201)
        #expect(first.json["verdict"] as? String == "accepted", "\(first.body)")
        let id = (first.json["upload"] as? [String: Any])?["id"] as? String ?? ""
        let alicePath = first.json["path"] as? String ?? ""
        // Bob cannot read it, nor learn that it exists.
        #expect(try Curl.request(server.base + "/me/files/\(id)", token: bob).status == 404)
        #expect(try Curl.request(server.base + "/me/files/\(id)", token: alice).status == 200)
        #expect(!(try Curl.request(server.base + "/me/files", token: bob).body.contains(id)))
        // The same content again, by bob: its duplicate, without alice's file named.
        let copy = try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/GPL-3", token: bob)
        #expect(copy.status == 201)
        #expect(copy.json["verdict"] as? String == "rejected")
        #expect(ServeUploadTests.codes(copy.json).contains("text.dup_exact"), "\(copy.body)")
        #expect(copy.json["duplicate_of"] as? String == "another contributor's file")
        #expect(!copy.body.contains(alicePath) && !copy.body.contains(id))
        // And by alice again: her own earlier file is named.
        let again = try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/GPL-3", token: alice)
        #expect(again.json["duplicate_of"] as? String == alicePath, "\(again.body)")
        // No edit, no replace, no delete; the stored file is read-only and unchanged.
        for method in ["PUT", "PATCH", "DELETE"] {
            let answer = try Curl.request(server.base + "/datanets/net/files/\(id)", token: alice, ["-X", method, "--data-binary", "changed"])
            #expect(answer.status == 405, "\(method)")
            #expect(try Curl.request(server.base + "/me/files/\(id)", token: alice, ["-X", method]).status == 405)
        }
        #expect(FileManager.default.contentsEqual(atPath: net.uploads + "/" + alicePath, andPath: "/usr/share/common-licenses/GPL-3"))
        #expect(!FileManager.default.isWritableFile(atPath: net.uploads + "/" + alicePath) || getuid() == 0)
        let mode = (try FileManager.default.attributesOfItem(atPath: net.uploads + "/" + alicePath)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o444)
        // A hostile name never becomes a path.
        let hostile = try Curl.request(server.base + "/datanets/net/files?name=..%2F..%2Fescape.txt", token: alice,
                                       ["--data-binary", "@/usr/share/common-licenses/BSD", "-H", "Content-Type: application/octet-stream"])
        #expect(hostile.status == 201, "\(hostile.body)")
        #expect((hostile.json["path"] as? String ?? "").hasPrefix("alice/text/"))
        #expect((hostile.json["upload"] as? [String: Any])?["name"] as? String == "../../escape.txt")
        #expect(!FileManager.default.fileExists(atPath: net.folder.url("escape.txt")))
    }
}
