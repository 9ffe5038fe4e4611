/// How `files.admission` stores a daily limit's refusal: `code TAB value TAB limit TAB message`
/// rather than the reason's JSON (a refused file is most of a flooded ledger, so every byte of
/// its row counts). A limit's reason always has stage `quota` and numeric value and limit; any
/// other reason, and rows written as JSON, are read as JSON.
enum AdmissionCoding {
    /// The column's text for `reason`.
    static func encode(_ reason: Reason) throws -> String {
        guard reason.stage == "quota", reason.hint == nil, case let .number(value)? = reason.value, case let .number(limit)? = reason.limit,
              !reason.code.contains("\t") else {
            return try StoredJSON.encode(reason)
        }
        return [reason.code, JSONWriter.format(value), JSONWriter.format(limit), reason.message].joined(separator: "\t")
    }

    /// The reason stored as `text`.
    static func decode(_ text: String) throws -> Reason {
        if text.hasPrefix("{") { return try StoredJSON.decode(Reason.self, text) }
        let parts = text.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let value = Double(parts[1]), let limit = Double(parts[2]) else {
            throw LedgerError("cannot read a stored daily-limit decision: \(text.prefix(80))")
        }
        return Reason(code: String(parts[0]), stage: "quota", message: String(parts[3]), value: .number(value), limit: .number(limit))
    }
}
