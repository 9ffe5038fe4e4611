@testable import AssayCore
@testable import AssayEngine
@testable import AssayLedger
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The ledger's readers, its run lock and its addresses, the same on SQLite and PostgreSQL: what
/// `rank`, `report`, `runs`, `export` and `check --ledger` ask gets the same answer from a
/// PostgreSQL ledger as from an SQLite one over the same files.
@Suite struct LedgerStoreTests {
    static let samples = Locations.packageRoot + "/samples"

    /// Runs the samples into the ledger at `address` and opens it read only.
    static func samplesLedger(_ address: String, in folder: TemporaryFolder) throws -> Ledger {
        var config = try RunFixtures.loader.load(path: samples + "/assay.yml")
        config.ledger = address
        _ = try RunFixtures.run(config, roots: [], verdicts: folder.url("\(UUID().uuidString).jsonl"))
        return try Ledger(path: address, readOnly: true)
    }

    @Test func readersAnswerTheSameOnPostgreSQLAsOnSQLite() throws {
        let folder = TemporaryFolder("readers")
        guard let address = try TestLedger.address(.postgres, in: folder) else { return }
        let sqlite = try Self.samplesLedger(folder.url("reference.sqlite"), in: folder)
        let postgres = try Self.samplesLedger(address, in: folder)
        #expect(try postgres.tallies() == sqlite.tallies())
        #expect(try postgres.tallies(modality: "text", since: 0) == sqlite.tallies(modality: "text", since: 0))
        #expect(try postgres.summary().render() == sqlite.summary().render())
        #expect(try postgres.runs().map(\.status) == [.completed])
        #expect(try postgres.runStages()?.stages == sqlite.runStages()?.stages)
        #expect(try postgres.decideFingerprint() == sqlite.decideFingerprint())
        for contributor in ["alice", "bob", "carol", "dave"] {
            #expect(try postgres.contributorDays(contributor, runID: nil, limit: 30) == sqlite.contributorDays(contributor, runID: nil, limit: 30))
            let codes = try postgres.contributorCodes(contributor, runID: nil, limit: 5)
            #expect(codes.map(\.code) == (try sqlite.contributorCodes(contributor, runID: nil, limit: 5)).map(\.code))
        }
        func accepted(_ ledger: Ledger) throws -> [String] {
            var lines: [String] = []
            try ledger.forEachAccepted(ExportSelection()) { lines.append($0.line) }
            return lines
        }
        #expect(try accepted(postgres) == accepted(sqlite))
        #expect(try !accepted(postgres).isEmpty)
        var lines: [String] = []
        try postgres.forEachVerdictLine { lines.append($0) }
        var reference: [String] = []
        try sqlite.forEachVerdictLine { reference.append($0) }
        #expect(lines == reference && lines.count == 23)
    }

    @Test(arguments: LedgerBackend.allCases)
    func aSecondRunOnTheSameLedgerIsRefusedWhenItWillNotWait(backend: LedgerBackend) throws {
        let folder = TemporaryFolder("lock")
        guard let address = try TestLedger.address(backend, in: folder) else { return }
        let holder = try Ledger(path: address)
        let lock = try holder.store.lockForRun(wait: false) { _ in }
        var config = try RunFixtures.loader.load(path: Self.samples + "/assay.yml")
        config.ledger = address
        var request = RunRequest(roots: [], jobs: 1, progress: false)
        request.wait = false
        #expect {
            _ = try Runner(pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer)).run(request)
        } throws: { error in
            guard case let .usage(message) = error as? RunError else { return false }
            return message.contains("another run") && message.contains("--no-wait")
        }
        withExtendedLifetime(lock) {}
    }

    @Test func aPostgreSQLLedgerThatDoesNotExistIsAClearErrorForReaders() throws {
        let folder = TemporaryFolder("missing-pg")
        guard let address = try TestLedger.address(.postgres, in: folder) else { return }
        #expect {
            _ = try Ledger(path: address, readOnly: true)
        } throws: { error in
            (error as? LedgerError)?.message.contains("no ledger there; run `assay run --ledger") == true
        }
        // Opening for writing applies every migration once; opening again finds the schema current.
        _ = try Ledger(path: address)
        _ = try Ledger(path: address)
        let applied = try PostgresTestServer.psql(["-c", "SELECT string_agg(name, ',' ORDER BY version) FROM assay_schema"], database: address)
        #expect(applied.trimmingCharacters(in: .whitespacesAndNewlines) == PostgresSchema.migrations.map(\.name).joined(separator: ","))
        // PostgreSQL numbers migrations by position: the ones that shipped keep theirs forever.
        #expect(Array(PostgresSchema.migrations.map(\.name).prefix(3)) == ["v1", "v3-text-sniff", "v4-intake"])
    }

    /// One schema source: a fresh SQLite ledger and a fresh PostgreSQL one have the same tables
    /// and columns, with each database's type for each neutral type (only PostgreSQL has the work
    /// queue's tables; each database keeps its own migration history table).
    @Test func bothDatabasesHaveTheSameTablesAndColumns() throws {
        let folder = TemporaryFolder("schema")
        guard let address = try TestLedger.address(.postgres, in: folder) else { return }
        _ = try Ledger(path: address)
        let sqlitePath = folder.url("fresh.sqlite")
        _ = try Ledger(path: sqlitePath)
        let neutral = ["integer": "integer", "text": "text", "blob": "bytes", "bigint": "integer", "bytea": "bytes"]
        var sqlite: Set<String> = []
        let tables = try Shell.run(["sqlite3", sqlitePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"])
        for table in tables.stdout.split(separator: "\n") {
            let columns = try Shell.run(["sqlite3", "-separator", " ", sqlitePath, "SELECT name, lower(type) FROM pragma_table_info('\(table)')"])
            for line in columns.stdout.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                sqlite.insert("\(table).\(parts[0]) \(neutral[parts[1]] ?? parts[1])")
            }
        }
        let rows = try PostgresTestServer.psql(["-At", "-F", " ", "-c", """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN ('work_batches', 'work_items', 'workers', 'assay_schema')
            """], database: address)
        var postgres: Set<String> = []
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 3 else { continue }
            let type = parts[2...].joined(separator: " ")
            postgres.insert("\(parts[0]).\(parts[1]) \(neutral[type] ?? type)")
        }
        #expect(sqlite.count > 40)
        #expect(sqlite.subtracting(postgres).isEmpty, "only in SQLite: \(sqlite.subtracting(postgres).sorted())")
        #expect(postgres.subtracting(sqlite).isEmpty, "only in PostgreSQL: \(postgres.subtracting(sqlite).sorted())")
    }

    @Test func aPasswordInTheAddressIsRefusedAndLibpqDefaultsFillTheRest() throws {
        #expect {
            _ = try PostgresAddress("postgres://ann:secret@db.example:6432/assay")
        } throws: { error in
            let message = (error as? LedgerError)?.message ?? ""
            return message.contains("PGPASSWORD") && !message.contains("secret")
        }
        let address = try PostgresAddress("postgres://db.example/", environment: ["USER": "ann", "PGPORT": "6543"])
        #expect(address.user == "ann" && address.host == "db.example" && address.port == 6543 && address.database == "ann")
        #expect(address.tls == .prefer)
        #expect(try PostgresAddress("postgresql://bo@h:1/d?sslmode=require", environment: [:]).tls == .require)
        #expect(throws: LedgerError.self) { try PostgresAddress("postgres://h/d?sslmode=sometimes", environment: [:]) }
        #expect(try LedgerAddress("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try LedgerAddress("ledger.sqlite") == .sqlite(path: "ledger.sqlite"))
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let file = PasswordFile(text: """
            # comment
            other:5432:*:ann:wrong
            db.example:*:assay:ann:s3cr\\:et\\\\x
            *:*:*:*:fallback
            """)
        let address = try PostgresAddress("postgres://ann@db.example:6432/assay", environment: [:])
        #expect(file.password(for: address) == "s3cr:et\\x")
        #expect(file.password(for: try PostgresAddress("postgres://bo@else:1/x", environment: [:])) == "fallback")
        // A file others can read is ignored, with libpq's warning.
        let folder = TemporaryFolder("pgpass")
        let path = try folder.write("pgpass", text: "*:*:*:*:open\n")
        chmod(path, 0o644)
        var warnings: [String] = []
        #expect(PasswordFile.lookUp(address, environment: ["PGPASSFILE": path]) { warnings.append($0) } == nil)
        #expect(warnings.count == 1 && warnings[0].contains("0600"))
        chmod(path, 0o600)
        #expect(PasswordFile.lookUp(address, environment: ["PGPASSFILE": path]) { warnings.append($0) } == "open")
        #expect(PasswordFile.lookUp(address, environment: ["PGPASSFILE": path, "PGPASSWORD": "env"]) { _ in } == "env")
    }
}
