import Foundation

/// The PostgreSQL server `.ci/run` starts for the tests (`.ci/postgres`), found through
/// `ASSAY_TEST_POSTGRES` (an address of its `postgres` database) with the password in
/// `PGPASSWORD`. Without it, the tests that need a server say so and skip.
public enum PostgresTestServer {
    /// The maintenance database's address, nil when no server was started for the tests.
    public static let address: String? = ProcessInfo.processInfo.environment["ASSAY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Why PostgreSQL tests are skipped, printed by each.
    public static let skipReason = "no PostgreSQL server for the tests: ASSAY_TEST_POSTGRES is not set (`.ci/run` starts one with .ci/postgres)"

    /// A new, empty database on the test server and its address (`postgres://…/NAME?…`).
    public static func freshDatabase(_ label: String) throws -> String {
        guard let address else { throw Failure(message: skipReason) }
        let name = "assay_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        try psql(["-c", "CREATE DATABASE \(name)"])
        return address.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Runs psql on the maintenance database with `arguments`; throws with its output on failure.
    @discardableResult
    public static func psql(_ arguments: [String], database: String? = nil) throws -> String {
        guard let address else { throw Failure(message: skipReason) }
        let target = database ?? address
        let result = try Shell.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", target.replacingOccurrences(of: "postgres://", with: "postgresql://")] + arguments)
        guard result.status == 0 else { throw Failure(message: "psql \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// A psql call that failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What psql said.
        public let message: String
        public var description: String { message }
    }
}
