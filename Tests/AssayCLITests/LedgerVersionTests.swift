import AssayTestSupport
import Foundation
import Testing

/// A ledger with a schema migration this Assay does not know (made by a newer Assay) is refused
/// by every command, exit 2, and left as it is (issue 26, item 10).
@Suite struct LedgerVersionTests {
    static let config = "version: 1\nmodalities: {text: {unchecked: true}}\n"

    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    @Test func aLedgerFromANewerAssayIsRefusedOnSQLite() throws {
        let folder = TemporaryFolder("newer-ledger")
        try folder.write("net/alice/text/a.txt", text: "a file\n")
        let config = try folder.write("assay.yml", text: Self.config)
        let ledger = folder.url("assay.sqlite")
        #expect(try assay(["run", "-q", "--config", config, folder.url("net")]).status == 0)
        #expect(try Shell.run(["sqlite3", ledger, "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        for arguments in [["run", "--config", config, folder.url("net")], ["rank", "--config", config], ["intake", "export", "--config", config],
                          ["export", "--config", config, "--format", "jsonl"]] {
            let result = try assay(arguments)
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("made by a newer Assay (schema v99-from-the-future"), "\(arguments[0])")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
    }

    @Test func aLedgerFromANewerAssayIsRefusedOnPostgreSQL() throws {
        let folder = TemporaryFolder("newer-ledger-pg")
        guard PostgresTestServer.address != nil else {
            print("skipped: \(PostgresTestServer.skipReason)")
            return
        }
        let ledger = try PostgresTestServer.freshDatabase("newer")
        try folder.write("net/alice/text/a.txt", text: "a file\n")
        let config = try folder.write("assay.yml", text: Self.config)
        #expect(try assay(["run", "-q", "--config", config, "--ledger", ledger, folder.url("net")]).status == 0)
        try PostgresTestServer.psql(["-c", "INSERT INTO assay_schema(version, name) VALUES (999, 'from-the-future')"], database: ledger)
        let result = try assay(["run", "--config", config, "--ledger", ledger, folder.url("net")])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("made by a newer Assay (schema from-the-future"))
        #expect(try assay(["rank", "--config", config, "--ledger", ledger]).status == 2)
    }
}
