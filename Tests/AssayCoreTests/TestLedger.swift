import AssayCore
import AssayTestSupport
import Foundation

/// Where a test keeps its ledger on each backend: the shared ledger suite runs every scenario on
/// SQLite and on the PostgreSQL test server, and compares with a fresh SQLite ledger.
enum TestLedger {
    /// A new ledger's address on `backend`; nil, after printing why, when the backend is not
    /// available here (no PostgreSQL server was started for the tests).
    static func address(_ backend: LedgerBackend, in folder: TemporaryFolder, name: String = "kept") throws -> String? {
        switch backend {
        case .sqlite:
            return folder.url("\(name).sqlite")
        case .postgres:
            guard PostgresTestServer.address != nil else {
                print("skipped on PostgreSQL: \(PostgresTestServer.skipReason)")
                return nil
            }
            return try PostgresTestServer.freshDatabase(name)
        }
    }
}
