/// The statements the ledger runs, inside one transaction of a ``LedgerStore``. The SQL is the
/// dialect both SQLite (3.35 on) and PostgreSQL understand: `?` placeholders, `ON CONFLICT`
/// upserts, `IS DISTINCT FROM`, row-value comparisons, `RETURNING`.
public protocol SQLSession {
    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws -> Int
    /// Runs a query and returns every row (for results known to be small).
    func fetchAll(_ sql: String, _ arguments: [any SQLArgument]) throws -> [SQLRow]
    /// Runs a query and passes its rows to `body` one at a time, holding only a page of them in
    /// memory, however many there are.
    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (SQLRow) throws -> Void) throws
}

extension SQLSession {
    /// Runs a statement without arguments.
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// Every row of a query without arguments.
    public func fetchAll(_ sql: String) throws -> [SQLRow] { try fetchAll(sql, []) }

    /// The first row of a query, if any.
    public func fetchOne(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> SQLRow? {
        try fetchAll(sql, arguments).first
    }
}
