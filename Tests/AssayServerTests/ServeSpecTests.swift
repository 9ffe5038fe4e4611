import AssayTestSupport
import Foundation
import Testing

/// docs/openapi.yaml is kept true: schemathesis (from PyPI, in the test environment) generates
/// requests from it against a running server and checks every answer against it.
@Suite(.serialized) struct ServeSpecTests {
    static let schemathesis = (Locations.pythonTools ?? "/nonexistent") + "/schemathesis"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: schemathesis), "needs schemathesis in .build/python: run .ci/install-deps"))
    func schemathesisFindsNoDifferenceBetweenTheServerAndItsDocument() throws {
        let net = try ServedDatanet()
        let curator = try net.token("dora", curator: true)
        let alice = try net.token("alice")
        let server = try net.serve(["--rate", "1000", "--burst", "1000", "--answer-within", "5"])
        defer { #expect(server.stop() == 0) }
        #expect(try Curl.upload(server.base, datanet: "net", file: "/usr/share/common-licenses/GPL-3", token: alice).status == 201)
        // It runs in the datanet's temporary folder, where it leaves its .schemathesis cache.
        // positive_data_acceptance is left out: OpenAPI cannot say that a raw upload needs a name
        // with a known extension or a modality (the server answers 400 or 415, both documented).
        let run = try Shell.run([Self.schemathesis, "run", server.base + "/openapi.yaml", "--url", server.base,
                                 "-H", "Authorization: Bearer \(curator)", "--checks", "all", "--exclude-checks", "positive_data_acceptance",
                                 "--max-examples", "10", "--seed", "30", "--no-color"], in: net.folder.path)
        #expect(run.status == 0, "\(run.stdout.suffix(6000))")
        #expect(run.stdout.contains("No issues found"), "\(run.stdout.suffix(3000))")
        #expect(!server.accessLog.contains(curator))
    }
}
