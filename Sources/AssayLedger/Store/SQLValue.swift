import Foundation

/// One value bound to, or read from, a ledger statement: the types both backends store the same
/// way (SQLite's storage classes, PostgreSQL's `bigint`, `double precision`, `text`, `bytea`).
/// Booleans are stored as the integers 0 and 1 on both, so the schema is one.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value a ledger statement can bind.
public protocol SQLArgument: Sendable {
    /// The value as bound.
    var sqlValue: SQLValue { get }
}

extension Int64: SQLArgument { public var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLArgument { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Bool: SQLArgument { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Double: SQLArgument { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLArgument { public var sqlValue: SQLValue { .text(self) } }
extension Data: SQLArgument { public var sqlValue: SQLValue { .blob(self) } }
extension SQLValue: SQLArgument { public var sqlValue: SQLValue { self } }
extension Optional: SQLArgument where Wrapped: SQLArgument {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A Swift type a ledger column can be read as.
public protocol SQLColumn {
    /// Reads the value; throws when the stored value has another type.
    init(sqlValue: SQLValue) throws(SQLRowError)
}

/// A column held a value of another type than the code reads (a ledger written by something else).
public struct SQLRowError: Error, Sendable, CustomStringConvertible {
    /// The column and what it held.
    public let description: String
}

extension Int64: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) {
        switch sqlValue {
        case let .integer(value): self = value
        case let .real(value) where value == value.rounded() && abs(value) < 9e18: self = Int64(value)
        default: throw SQLRowError(description: "expected an integer, found \(sqlValue)")
        }
    }
}

extension Int: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) { self = Int(try Int64(sqlValue: sqlValue)) }
}

extension Bool: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) { self = try Int64(sqlValue: sqlValue) != 0 }
}

extension Double: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) {
        switch sqlValue {
        case let .real(value): self = value
        case let .integer(value): self = Double(value)
        default: throw SQLRowError(description: "expected a number, found \(sqlValue)")
        }
    }
}

extension String: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) {
        guard case let .text(value) = sqlValue else { throw SQLRowError(description: "expected text, found \(sqlValue)") }
        self = value
    }
}

extension Data: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) {
        switch sqlValue {
        case let .blob(value): self = value
        case let .text(value): self = Data(value.utf8)
        default: throw SQLRowError(description: "expected bytes, found \(sqlValue)")
        }
    }
}

extension Optional: SQLColumn where Wrapped: SQLColumn {
    public init(sqlValue: SQLValue) throws(SQLRowError) {
        if case .null = sqlValue {
            self = nil
        } else {
            self = try Wrapped(sqlValue: sqlValue)
        }
    }
}
