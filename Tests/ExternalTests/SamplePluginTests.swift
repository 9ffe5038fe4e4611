import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// samples/plugins/pii_screen.py through the real `assay` executable: `run` and `check`, a
/// command relative to the config file, codes and metrics in the plugin's namespace, its stderr
/// in Assay's, and a misbehaving plugin ending in `error` without stopping the run.
@Suite struct SamplePluginTests {
    static let sample = Locations.packageRoot + "/samples/plugins/pii_screen.py"

    /// A datanet of real text: the GPL-3 as it is, and with a contact line that has personal data.
    func datanet(in folder: TemporaryFolder) throws {
        let gpl = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        try folder.write("net/alice/text/gpl.txt", text: gpl)
        try folder.write("net/bob/text/gpl-contact.txt", text: gpl + "\nQuestions? Write to jane.doe@mail.co.uk or bob@example.com,"
                         + " or call +44 20 7946 0958.\n")
        try folder.write("net/carol/text/gpl-phone.txt", text: "Order line: (617) 542-5942, 9am to 5pm.\n\n" + gpl)
    }

    func config(in folder: TemporaryFolder, name: String = "pii", command: String, options: String = "{}", extra: String = "") throws -> String {
        try folder.write("conf/assay.yml", text: """
            version: 1
            modalities: {text: {}, image: {unchecked: true}, audio: {unchecked: true}}
            limits: { quotas: false }
            pipeline:
              - use: external
                with:
                  name: \(name)
                  command: \(command)
                  modalities: [text]
                  timeout: 20s
                  workers: 2
                  options: \(options)\(extra)
            """)
    }

    func verdicts(_ stdout: String) throws -> [String: [String: Any]] {
        var byPath: [String: [String: Any]] = [:]
        for line in stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            byPath[try #require(object["path"] as? String)] = object
        }
        return byPath
    }

    func codes(_ verdict: [String: Any]?) -> [String] {
        ((verdict?["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    @Test func sampleSelfTestPasses() throws {
        let result = try Shell.run(["python3", Self.sample, "--self-test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("self-test passed"))
    }

    /// Editing a plugin's script makes its stored findings stale (issue 29): the next run judges
    /// the files again instead of saying "0 analyzed now".
    @Test func editingThePluginRunsItAgain() throws {
        let folder = TemporaryFolder("ext-edit")
        try datanet(in: folder)
        let script = try folder.copy(Self.sample, to: "conf/plugins/pii_screen.py")
        let config = try config(in: folder, command: "[python3, plugins/pii_screen.py]")
        let run = { try Shell.run([Locations.assay, "run", "--config", config, folder.url("net")]) }
        let first = try run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try run().stdout.contains("(0 analyzed now"), "unchanged plugin: nothing to analyze")
        let edited = try String(contentsOfFile: script, encoding: .utf8) + "\n# edited by its maintainer\n"
        try edited.write(toFile: script, atomically: true, encoding: .utf8)
        let third = try run()
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("(3 analyzed now"), "\(third.stdout)")
    }

    @Test func runJudgesWithTheSamplePlugin() throws {
        let folder = TemporaryFolder("ext-cli")
        try datanet(in: folder)
        try folder.copy(Self.sample, to: "conf/plugins/pii_screen.py")
        let config = try config(in: folder, command: "[python3, plugins/pii_screen.py]")
        // Run from another folder: the relative command is found next to the config.
        let result = try Shell.run([Locations.assay, "run", "--config", config, "--jobs", "2", "--verdicts", "-", folder.url("net")], in: "/")
        #expect(result.status == 0, "\(result.stderr)")
        let byPath = try verdicts(result.stdout)
        #expect(byPath["alice/text/gpl.txt"]?["verdict"] as? String == "accepted")
        let contact = byPath["bob/text/gpl-contact.txt"]
        #expect(contact?["verdict"] as? String == "rejected")
        #expect(codes(contact) == ["pii.email", "pii.phone"])
        let reason = (contact?["reasons"] as? [[String: Any]])?.first
        #expect(reason?["stage"] as? String == "pii")
        #expect(reason?["value"] as? Int == 1, "bob@example.com is allowed by default")
        #expect((reason?["message"] as? String)?.contains("j***@mail.co.uk") == true, "the address is masked")
        #expect(!result.stdout.contains("jane.doe"), "no personal data in the verdicts")
        let metrics = contact?["metrics"] as? [String: Double]
        #expect(metrics?["pii.emails"] == 1 && metrics?["pii.phones"] == 1)
        #expect(codes(byPath["carol/text/gpl-phone.txt"]) == ["pii.phone"])
        #expect(result.stderr.contains("[pii] pii_screen ready as 'pii'"), "the plugin's stderr is forwarded with its name")
    }

    @Test func optionsReachThePlugin() throws {
        let folder = TemporaryFolder("ext-cli")
        try datanet(in: folder)
        let loose = try config(in: folder, name: "privacy", command: "[python3, \(Self.sample)]",
                               options: "{max_emails: 1, max_phones: 1, allow_domains: [mail.co.uk]}")
        let result = try Shell.run([Locations.assay, "run", "--config", loose, "--verdicts", "-", folder.url("net")])
        #expect(result.status == 0, "\(result.stderr)")
        let byPath = try verdicts(result.stdout)
        #expect(byPath.values.allSatisfy { $0["verdict"] as? String == "accepted" }, "\(result.stdout)")
        #expect((byPath["bob/text/gpl-contact.txt"]?["metrics"] as? [String: Double])?["privacy.emails"] == 1,
                "allow_domains: [mail.co.uk] replaces the defaults, so bob@example.com counts")
        let bad = try config(in: folder, command: "[python3, \(Self.sample)]", options: "{max_email: 3}")
        let refused = try Shell.run([Locations.assay, "run", "--config", bad, "--rejudge", "--verdicts", "-", folder.url("net")])
        let refusedVerdicts = try verdicts(refused.stdout)
        #expect(codes(refusedVerdicts["alice/text/gpl.txt"]) == ["external.protocol"])
        #expect(refused.stdout.contains("refused to start: unknown option 'max_email'"))
    }

    @Test func checkGivesTheContributorThePluginsReasons() throws {
        let folder = TemporaryFolder("ext-cli")
        try datanet(in: folder)
        let config = try config(in: folder, command: "[python3, \(Self.sample)]")
        let rejected = try Shell.run([Locations.assay, "check", "--config", config, folder.url("net/bob/text/gpl-contact.txt")])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("pii.email"), "\(rejected.stdout)")
        // The plugin's own hint, under its reason (the protocol's optional `hint`).
        #expect(rejected.stdout.contains("    hint: Remove the addresses or replace them with name@example.com."), "\(rejected.stdout)")
        let json = try Shell.run([Locations.assay, "check", "--json", "--config", config, folder.url("net/bob/text/gpl-contact.txt")])
        #expect(json.stdout.contains("\"hint\":\"Remove the addresses"), "the hint is in the verdict line")
        let accepted = try Shell.run([Locations.assay, "check", "--config", config, folder.url("net/alice/text/gpl.txt")])
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    }

    @Test func aCrashingPluginGivesErrorsAndTheRunGoesOn() throws {
        let folder = TemporaryFolder("ext-cli")
        try datanet(in: folder)
        try folder.write("net/dave/image/x.png", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Locations.corpora + "/pngsuite/basn2c08.png"))))
        let script = try folder.write("conf/crash.py", text: """
            import sys, json
            sys.stdin.readline()
            print(json.dumps({"ready": True}), flush=True)
            request = json.loads(sys.stdin.readline())
            print("cannot cope with " + request["path"].rsplit("/", 1)[-1], file=sys.stderr, flush=True)
            sys.exit(4)
            """)
        let config = try config(in: folder, name: "crashy", command: "[python3, \(script)]", extra: "\n      max_failures: 2")
        let result = try Shell.run([Locations.assay, "run", "--config", config, "--jobs", "1", "--verdicts", "-", folder.url("net")])
        #expect(result.status == 0, "a failing plugin does not fail the run: \(result.stderr)")
        let byPath = try verdicts(result.stdout)
        let texts = byPath.filter { $0.key.contains("/text/") }
        #expect(texts.values.allSatisfy { $0["verdict"] as? String == "error" })
        #expect(texts.values.flatMap(codes).sorted() == ["external.crash", "external.crash", "external.disabled"])
        #expect(byPath["dave/image/x.png"]?["verdict"] as? String == "accepted", "the plugin takes text only")
        #expect(result.stderr.contains("[crashy] cannot cope with"))
        #expect(result.stderr.contains("PLUGIN 'crashy' DISABLED"))
    }

    @Test func badConfigIsAConfigError() throws {
        let folder = TemporaryFolder("ext-cli")
        try datanet(in: folder)
        let missing = try config(in: folder, command: "[no-such-program-here, x]")
        let result = try Shell.run([Locations.assay, "run", "--config", missing, folder.url("net")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'no-such-program-here' was not found on PATH"), "\(result.stderr)")
        let dotted = try config(in: folder, name: "pii.screen", command: "[python3, \(Self.sample)]")
        let named = try Shell.run([Locations.assay, "run", "--config", dotted, folder.url("net")])
        #expect(named.status == 2)
        #expect(named.stderr.contains("'name' must be 1 to 40 characters"), "\(named.stderr)")
        let plugins = try Shell.run([Locations.assay, "plugins"])
        for option in ["name", "command", "modalities", "timeout", "start_timeout", "workers", "max_failures", "options"] {
            #expect(plugins.stdout.contains("    \(option) "), "assay plugins lists \(option)")
        }
    }
}
