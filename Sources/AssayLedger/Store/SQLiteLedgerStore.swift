import Foundation
import GRDB
import Synchronization

/// A ledger in one SQLite file, through GRDB in WAL mode: the default, for one machine. Its run
/// lock is an exclusive `flock` on `LEDGER.lock` (``LedgerLock``).
public final class SQLiteLedgerStore: LedgerStore {
    /// The database file.
    public let path: String
    private let queue: DatabaseQueue
    /// The SQL texts whose prepared statements GRDB keeps: the ledger's fixed statements. Texts
    /// with literal id lists differ every time and would grow the cache without end, so past
    /// ``SQLiteSession/cachedTexts`` distinct texts a statement is prepared for one use.
    let cached = Mutex<Set<String>>([])

    public var location: String { path }
    public var backend: LedgerBackend { .sqlite }

    /// Opens (and creates or migrates) the ledger at `path`; with `readOnly` the file is only read
    /// (it must exist) and nothing in it or next to it is changed.
    public init(path: String, readOnly: Bool) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA temp_store = FILE")
            }
        }
        do {
            if readOnly {
                guard FileManager.default.fileExists(atPath: path) else { throw LedgerError("\(path): no ledger there; run `assay run` first") }
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let unknown = try queue.read { db -> Set<String> in
                guard try db.tableExists("grdb_migrations") else { return [] }
                let known = Set(LedgerSchema.migrator.migrations)
                return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")).subtracting(known)
            }
            if !unknown.isEmpty { throw LedgerError.newer(path, unknown: Array(unknown)) }
            if readOnly, try queue.read({ db in try !db.tableExists("files") }) {
                throw LedgerError("\(path): this ledger was written by an older Assay; run `assay run` on it once to upgrade it")
            }
            if !readOnly {
                try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                try LedgerSchema.migrator.migrate(queue)
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError("\(path): cannot open the ledger: \(Self.describe(error))")
        }
    }

    /// SQLite's message and result code for a GRDB error; other errors as they describe themselves.
    public func describe(_ error: any Error) -> String {
        Self.describe(error)
    }

    /// SQLite's own message and result code (`database is locked (SQLITE_BUSY)`), without the
    /// statement GRDB's description appends: a person needs what happened, not the SQL.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        return (error.message ?? "SQLite error") + " (\(error.resultCode))"
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try queue.write { db in try body(SQLiteSession(db: db, store: self)) }
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteSession(db: db, store: self)) }
    }

    public func lockForRun(wait: Bool, notify: (String) -> Void) throws(LedgerLock.Failure) -> AnyObject {
        try LedgerLock(ledger: path, wait: wait, notify: notify)
    }
}

/// Ledger statements on one GRDB connection; statements are prepared once per SQL text.
private struct SQLiteSession: SQLSession {
    let db: Database
    let store: SQLiteLedgerStore
    /// Distinct SQL texts kept prepared at most.
    static let cachedTexts = 256

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        try statement(sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func fetchAll(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        try Row.fetchAll(statement(sql), arguments: Self.arguments(arguments)).map(Self.row)
    }

    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement(sql), arguments: Self.arguments(arguments))
        while let row = try rows.next() { try body(Self.row(row)) }
    }

    private func statement(_ sql: String) throws -> Statement {
        let keep = store.cached.withLock { texts in
            if texts.contains(sql) { return true }
            guard texts.count < Self.cachedTexts else { return false }
            texts.insert(sql)
            return true
        }
        return keep ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    private static func arguments(_ values: [any SQLArgument]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value.sqlValue {
            case .null: return .null
            case let .integer(number): return number.databaseValue
            case let .real(number): return number.databaseValue
            case let .text(text): return text.databaseValue
            case let .blob(data): return data.databaseValue
            }
        })
    }

    private static func row(_ row: Row) -> SQLRow {
        SQLRow(names: Array(row.columnNames), values: row.databaseValues.map { value in
            switch value.storage {
            case .null: return .null
            case let .int64(number): return .integer(number)
            case let .double(number): return .real(number)
            case let .string(text): return .text(text)
            case let .blob(data): return .blob(data)
            }
        })
    }
}
