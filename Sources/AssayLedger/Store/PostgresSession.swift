import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// Ledger statements on a PostgreSQL connection: `?` placeholders become `$1`, `$2`, …; values are
/// bound with their types (`bigint`, `double precision`, `text`, `bytea`); rows are read back as
/// ``SQLValue``s. `forEach` reads through a cursor, a page at a time.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    private static let page = 2000

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func fetchAll(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow] {
        try run(sql, arguments).rows.map { try Self.row($0) }
    }

    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws {
        let cursor = "assay_cursor"
        _ = try run("DECLARE \(cursor) NO SCROLL CURSOR FOR \(sql)", arguments)
        defer { _ = try? run("CLOSE \(cursor)", []) }
        while true {
            let rows = try run("FETCH \(Self.page) FROM \(cursor)", []).rows
            for row in rows { try body(try Self.row(row)) }
            if rows.count < Self.page { break }
        }
    }

    private func run(_ sql: String, _ arguments: [any SQLArgument]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument.sqlValue {
            case .null: binds.appendNull()
            case let .integer(value): binds.append(value)
            case let .real(value): binds.append(value)
            case let .text(value): binds.append(value)
            case let .blob(value): try binds.append(value)
            }
        }
        guard !connection.isClosed else { throw ConnectionLost() }
        let future = connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger)
        // Not `wait()`: a query in flight when the server closes the connection may never be
        // answered, so the connection's state is checked every second.
        let answer = Answer()
        future.whenComplete { result in answer.set(result) }
        while true {
            if let result = answer.wait(seconds: 1) { return try result.get() }
            if connection.isClosed {
                if let result = answer.wait(seconds: 1) { return try result.get() }
                throw ConnectionLost()
            }
        }
    }

    /// The connection closed under a statement.
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection to the server was lost" }
    }

    /// A statement's result, handed from the event loop to the waiting thread.
    private final class Answer: Sendable {
        private let result = Mutex<Result<PostgresQueryResult, any Error>?>(nil)
        private let ready = DispatchSemaphore(value: 0)

        func set(_ value: Result<PostgresQueryResult, any Error>) {
            result.withLock { $0 = value }
            ready.signal()
        }

        /// The result, or nil when it has not come within `seconds`.
        func wait(seconds: Double) -> Result<PostgresQueryResult, any Error>? {
            guard ready.wait(timeout: .now() + seconds) == .success else { return nil }
            return result.withLock { $0 }
        }
    }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2`, … in order.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func row(_ row: PostgresRow) throws -> SQLRow {
        var names: [String] = []
        var values: [SQLValue] = []
        for cell in row {
            names.append(cell.columnName)
            values.append(try value(cell))
        }
        return SQLRow(names: names, values: values)
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
        case .float8, .float4: return .real(try cell.decode(Double.self))
        case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(try cell.decode(Data.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}
