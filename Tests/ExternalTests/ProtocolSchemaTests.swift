import AssayCore
import AssayTestSupport
@testable import External
import Foundation
import Testing

/// docs/plugin-protocol.schema.json against real traffic: the messages Assay sends (recorded by a
/// plugin), the answers samples/plugins/pii_screen.py gives, and the answers Assay turns down.
/// Validation uses the `jsonschema` Python package (installed into a temporary venv when missing).
@Suite(.serialized) struct ProtocolSchemaTests {
    static let schema = Locations.packageRoot + "/docs/plugin-protocol.schema.json"

    /// A Python with `jsonschema`: the system one when it has it, else a venv made for the tests.
    static let python: Result<String, SetupError> = {
        if let found = try? Shell.run(["python3", "-c", "import jsonschema"]), found.status == 0 { return .success("python3") }
        let venv = FileManager.default.temporaryDirectory.path + "/assay-jsonschema-venv"
        let python = venv + "/bin/python"
        if !FileManager.default.fileExists(atPath: python) {
            guard let made = try? Shell.run(["python3", "-m", "venv", venv]), made.status == 0 else {
                return .failure(SetupError("python3 -m venv failed; install python3-venv"))
            }
        }
        guard let pip = try? Shell.run([python, "-m", "pip", "install", "--quiet", "jsonschema"]), pip.status == 0 else {
            return .failure(SetupError("pip install jsonschema failed (needs PyPI access)"))
        }
        return .success(python)
    }()

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Validates `lines` of a file against `#/$defs/{definition}`; prints `ok` or the errors.
    static let checker = #"""
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    definition, path = sys.argv[2], sys.argv[3]
    sub = dict(schema); sub.pop("oneOf"); sub["$ref"] = "#/$defs/" + definition
    validator = jsonschema.Draft202012Validator(sub)
    whole = jsonschema.Draft202012Validator(schema)
    bad = 0
    lines = [l for l in open(path) if l.strip()]
    for number, line in enumerate(lines, 1):
        message = json.loads(line)
        errors = [e.message for e in validator.iter_errors(message)] + [e.message for e in whole.iter_errors(message)]
        if errors:
            bad += 1
            print("line %d: %s" % (number, "; ".join(errors)))
    print("checked %d, invalid %d" % (len(lines), bad))
    """#

    /// Runs the checker; returns (checked, invalid, output).
    func check(_ definition: String, _ path: String, in folder: TemporaryFolder) throws -> (Int, Int, String) {
        let python = try Self.python.get()
        let script = try folder.write("check.py", text: Self.checker)
        let result = try Shell.run([python, script, Self.schema, definition, path])
        #expect(result.status == 0, "\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let numbers = last.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return (numbers.first ?? -1, numbers.dropFirst().first ?? -1, result.stdout)
    }

    @Test func whatAssaySendsMatchesTheSchema() throws {
        let folder = TemporaryFolder("ext-schema")
        let record = folder.url("sent.jsonl")
        let script = try folder.write("recorder.py", text: """
            import json, sys
            log = open(sys.argv[1], "a")
            for number, line in enumerate(sys.stdin):
                log.write(line); log.flush()
                message = json.loads(line)
                answer = {"ready": True} if number == 0 else {"id": message["id"], "verdict": "pass"}
                print(json.dumps(answer), flush=True)
            """)
        var options = ExternalOptions()
        options.name = "recorder"
        options.command = ["python3", script, record]
        options.options = .object([("threshold", .number(0.5)), ("words", .array([.string("a"), .string("b")]))])
        let validator = try ExternalValidator(options: options, log: LogRecorder().log)
        let files = [("text", "/usr/share/common-licenses/GPL-3", "text/plain", "gpl.txt"),
                     ("image", Locations.corpora + "/pngsuite/basn2c08.png", "image/png", "a \"quoted\" näme.png"),
                     ("audio", Locations.corpora + "/wav-hound/pcmwaveformat-16bit-44100Hz-mono.wav", "audio/x-wav", "tab\tname.wav")]
        for (modality, source, mime, name) in files {
            let path = try folder.copy(source, to: "net/zoë/\(modality)/\(name)")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let submission = Submission(root: "/", path: "zoë/\(modality)/\(name)", absolutePath: path, contributor: "zoë", modalityName: modality,
                                        submittedAt: 0, bytes: Int64(bytes.count))
            #expect(validator.failure(FileInput(submission: submission, bytes: bytes, sha256: ContentHash.sha256(bytes), mime: mime)) == nil)
        }
        let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        try folder.write("handshake.jsonl", text: (lines.first ?? "") + "\n")
        try folder.write("requests.jsonl", text: lines.dropFirst().joined(separator: "\n") + "\n")
        let handshake = try check("handshake_request", folder.url("handshake.jsonl"), in: folder)
        #expect(handshake.0 == 1 && handshake.1 == 0, "\(handshake.2)")
        let requests = try check("file_request", folder.url("requests.jsonl"), in: folder)
        #expect(requests.0 == 3 && requests.1 == 0, "\(requests.2)")
    }

    @Test func theSamplePluginsAnswersMatchTheSchema() throws {
        let folder = TemporaryFolder("ext-schema")
        let gpl = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        var requests = [#"{"assay":1,"plugin":"pii","options":{"max_phones":2}}"#]
        for (index, text) in [gpl, "Mail me: someone@mail.example.co.uk, tel. +1 202 555 0143\n" + gpl].enumerated() {
            let path = try folder.write("net/alice/text/\(index).txt", text: text)
            var writer = JSONWriter()
            writer.raw("{\"id\":\(index + 1),\"path\":")
            writer.string(path)
            writer.raw(",\"modality\":\"text\",\"mime\":\"text/plain\",\"sha256\":\"\(ContentHash.sha256(Array(text.utf8)))\",\"bytes\":\(text.utf8.count),\"contributor\":\"alice\"}")
            requests.append(writer.string)
        }
        try folder.write("in.jsonl", text: requests.joined(separator: "\n") + "\n")
        let run = try Shell.run(["sh", "-c", "python3 '\(SamplePluginTests.sample)' < in.jsonl > out.jsonl"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let answers = try String(contentsOfFile: folder.url("out.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(answers.count == 3)
        #expect(answers.last?.contains("\"verdict\": \"reject\"") == true, "the second file has an e-mail address")
        try folder.write("ready.jsonl", text: (answers.first ?? "") + "\n")
        try folder.write("verdicts.jsonl", text: answers.dropFirst().joined(separator: "\n") + "\n")
        let ready = try check("handshake_response", folder.url("ready.jsonl"), in: folder)
        #expect(ready.0 == 1 && ready.1 == 0, "\(ready.2)")
        let verdicts = try check("verdict_response", folder.url("verdicts.jsonl"), in: folder)
        #expect(verdicts.0 == 2 && verdicts.1 == 0, "\(verdicts.2)")
    }

    /// Answers Assay refuses are refused by the schema too, and answers it takes are valid.
    @Test func theSchemaAndAssayAgreeOnAnswers() throws {
        let folder = TemporaryFolder("ext-schema")
        let answers: [(String, Bool)] = [
            (#"{"id": 5, "verdict": "pass"}"#, true),
            (#"{"id": 5, "verdict": "pass", "reasons": [], "metrics": {"score": 0.5}, "extra": "ignored"}"#, true),
            (#"{"id": 5, "verdict": "reject", "reasons": [{"code": "x.y", "message": "m", "value": "a", "limit": 2}]}"#, true),
            (#"{"id": 5, "verdict": "reject", "reasons": []}"#, false),
            (#"{"id": 5, "verdict": "reject"}"#, false),
            (#"{"id": 5, "verdict": "pass", "reasons": [{"code": "x", "message": "m"}]}"#, false),
            (#"{"id": 5, "verdict": "maybe"}"#, false),
            (#"{"id": "5", "verdict": "pass"}"#, false),
            (#"{"verdict": "pass"}"#, false),
            (#"{"id": 5, "verdict": "reject", "reasons": [{"code": "Bad Code", "message": "m"}]}"#, false),
            (#"{"id": 5, "verdict": "reject", "reasons": [{"code": "x"}]}"#, false),
            (#"{"id": 5, "verdict": "pass", "metrics": {"score": "high"}}"#, false),
            (#"{"id": 5, "verdict": "pass", "metrics": {"score": true}}"#, false),
            (#"{"id": 5, "verdict": "reject", "reasons": [{"code": "x", "message": "m", "value": true}]}"#, false),
        ]
        var valid: [String] = []
        for (line, expected) in answers {
            let taken: Bool
            do throws(PluginFault) {
                _ = try PluginAnswer.finding(Array(line.utf8), id: 5, name: "p")
                taken = true
            } catch {
                taken = false
            }
            #expect(taken == expected, "Assay \(taken ? "took" : "refused") \(line)")
            if expected { valid.append(line) }
        }
        try folder.write("valid.jsonl", text: valid.joined(separator: "\n") + "\n")
        try folder.write("invalid.jsonl", text: answers.filter { !$0.1 }.map(\.0).joined(separator: "\n") + "\n")
        let good = try check("verdict_response", folder.url("valid.jsonl"), in: folder)
        #expect(good.0 == valid.count && good.1 == 0, "\(good.2)")
        let bad = try check("verdict_response", folder.url("invalid.jsonl"), in: folder)
        #expect(bad.0 == answers.count - valid.count && bad.1 == bad.0, "every answer Assay refuses breaks the schema: \(bad.2)")
    }
}
