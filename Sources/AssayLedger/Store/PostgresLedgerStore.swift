import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A ledger in a PostgreSQL database, through postgres-nio: the state shared by a `run` process
/// and any number of `assay work` processes on other machines. One connection per store, used by
/// one thread at a time (calls are serialized); the engine is synchronous, so each call waits for
/// its future on the calling thread, never on an event loop.
///
/// The run lock is a session-level advisory lock on this connection: the server drops it when
/// the connection ends, so a `run` killed by SIGKILL or a lost machine frees the ledger.
public final class PostgresLedgerStore: LedgerStore {
    /// The database's address.
    public let address: PostgresAddress
    let connection: PostgresConnection
    private let gate = NSLock()
    private let logger: Logger

    public var location: String { address.description }
    public var backend: LedgerBackend { .postgres }

    /// The advisory lock key that one deciding run holds (`hashtext('assay run')` would vary by
    /// server version; this is fixed).
    static let runLockKey: Int64 = 0x4153_5341_5952_554E

    /// Connects to `address` and, unless `readOnly`, creates or upgrades the schema
    /// (``PostgresSchema``). `name` is the `application_name` the server shows.
    public init(address: PostgresAddress, readOnly: Bool, name: String = "assay") throws(LedgerError) {
        self.address = address
        var logger = Logger(label: "assay.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let password = PasswordFile.lookUp(address) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        do {
            let tls: PostgresConnection.Configuration.TLS
            switch address.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                tls = address.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                                 password: password, database: address.database, tls: tls)
            configuration.options.additionalStartupParameters = [("application_name", name)]
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                        id: 1, logger: logger).wait()
        } catch {
            throw LedgerError("\(address): cannot connect: \(Self.describe(error))"
                + (password == nil ? " (no password was given: set PGPASSWORD or add a line to ~/.pgpass)" : ""))
        }
        do {
            let newest = try read { db -> (version: Int64, name: String)? in
                guard try db.fetchOne("SELECT to_regclass('assay_schema') IS NOT NULL AS present").map({ try $0["present"] as Bool }) == true else { return nil }
                return try db.fetchOne("SELECT version, name FROM assay_schema ORDER BY version DESC LIMIT 1").map { (try $0["version"], try $0["name"]) }
            }
            if let newest, newest.version > Int64(PostgresSchema.migrations.count) {
                throw LedgerError.newer(address.description, unknown: [newest.name])
            }
            if readOnly {
                let exists = try read { db in try db.fetchOne("SELECT to_regclass('files') IS NOT NULL AS present").map { try $0["present"] as Bool } }
                guard exists == true else { throw LedgerError("\(address): no ledger there; run `assay run --ledger \(address)` first") }
            } else {
                try write { db in try PostgresSchema.migrate(db) }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError("\(address): cannot set up the ledger's tables: \(Self.describe(error))")
        }
    }

    deinit {
        try? connection.close().wait()
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try transaction("BEGIN", body)
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T>(_ begin: String, _ body: (any SQLSession) throws -> T) throws -> T {
        gate.lock()
        defer { gate.unlock() }
        let session = PostgresSession(connection: connection, logger: logger)
        try session.execute(begin)
        do {
            let result = try body(session)
            try session.execute("COMMIT")
            return result
        } catch {
            _ = try? session.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` outside any transaction (advisory locks, `LISTEN`-free polling).
    func withSession<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        gate.lock()
        defer { gate.unlock() }
        return try body(PostgresSession(connection: connection, logger: logger))
    }

    public func lockForRun(wait: Bool, notify: (String) -> Void) throws(LedgerLock.Failure) -> AnyObject {
        do {
            let holder = { () throws -> String in
                let row = try self.withSession { db in
                    try db.fetchOne("""
                        SELECT a.client_addr::text AS host, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = ?
                        """, [Self.runLockKey])
                }
                guard let row else { return "another run" }
                let host: String? = try row["host"]
                let pid: Int64 = try row["pid"]
                return "another run (server process \(pid)\(host.map { ", from \($0)" } ?? ""))"
            }
            let taken = try withSession { db in try db.fetchOne("SELECT pg_try_advisory_lock(?) AS taken", [Self.runLockKey]).map { try $0["taken"] as Bool } }
            if taken != true {
                let who = try holder()
                guard wait else {
                    throw LedgerLock.Failure.busy("\(address): \(who) is deciding on this ledger; wait for it, or leave out --no-wait to wait")
                }
                notify("assay: \(who) is deciding on \(address); waiting for it to finish")
                try withSession { db in _ = try db.execute("SELECT pg_advisory_lock(?)", [Self.runLockKey]) }
            }
        } catch let failure as LedgerLock.Failure {
            throw failure
        } catch {
            throw .failed("\(address): cannot take the run lock: \(Self.describe(error))")
        }
        return PostgresRunLock(store: self)
    }

    /// What a person needs from a postgres-nio error: the server's message, or what happened to
    /// the connection (PSQLError's own description hides both).
    public func describe(_ error: any Error) -> String {
        Self.describe(error)
    }

    /// ``describe(_:)`` for errors met before the store exists (connecting).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return "the connection to the server was lost"
        case .connectionError:
            return "cannot reach the server" + (error.underlying.map { ": \($0)" } ?? "")
        case .sslUnsupported:
            return "the server does not offer TLS (sslmode=require)"
        default:
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }
}

/// The held advisory lock; released when the run lets go of it (or its connection ends).
private final class PostgresRunLock {
    private let store: PostgresLedgerStore

    init(store: PostgresLedgerStore) { self.store = store }

    deinit {
        _ = try? store.withSession { db in try db.execute("SELECT pg_advisory_unlock(?)", [PostgresLedgerStore.runLockKey]) }
    }
}
