/// One result row of a ledger query, read by column name or position, the same for both backends.
public struct SQLRow: Sendable {
    /// The column names, in select order.
    public let names: [String]
    /// The values, in select order.
    public let values: [SQLValue]

    /// A row of `values` named `names`.
    public init(names: [String], values: [SQLValue]) {
        self.names = names
        self.values = values
    }

    /// The value at `index`, read as `T`.
    public subscript<T: SQLColumn>(_ index: Int) -> T {
        get throws(SQLRowError) {
            guard values.indices.contains(index) else { throw SQLRowError(description: "no column \(index) in the row") }
            do throws(SQLRowError) {
                return try T(sqlValue: values[index])
            } catch {
                throw SQLRowError(description: "column \(names[index]): \(error.description)")
            }
        }
    }

    /// The value of the column `name`, read as `T`.
    public subscript<T: SQLColumn>(_ name: String) -> T {
        get throws(SQLRowError) {
            guard let index = names.firstIndex(of: name) else { throw SQLRowError(description: "no column \(name) in the row") }
            return try self[index]
        }
    }
}
