import CSV
import Foundation

/// CSV rows written through CSV.swift's writer (RFC 4180 quoting: a cell holding a comma, quote
/// or line break is quoted, quotes doubled), so Assay's CSV outputs and the CSV it reads agree.
///
/// `safe` cells are also neutralised against spreadsheet formulas: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
/// injection), since contributor names come from folder names anyone chooses.
public enum CSVCell {
    /// One line (without its newline) of `cells`; `safe` prefixes formula-like cells with `'`.
    /// A line none of whose cells needs quotes is joined directly (most lines: a writer per line
    /// cost three times as much); any other goes through CSV.swift's writer.
    public static func line(_ cells: [String], safe: Bool) -> String {
        let cells = safe ? cells.map(defused) : cells
        guard cells.contains(where: needsQuotes) else { return cells.joined(separator: ",") }
        let stream = OutputStream.toMemory()
        stream.open()
        defer { stream.close() }
        // Writing to memory cannot fail; should it ever, the row is written by the same rule here.
        guard let writer = try? CSVWriter(stream: stream), (try? writer.write(row: cells)) != nil,
              let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            return cells.map(quoted).joined(separator: ",")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// CSV.swift's rule for a cell it must quote: a quote, the comma, or a line break in it.
    private static func needsQuotes(_ text: String) -> Bool {
        text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.contains("\r\n")
    }

    /// `text` as one cell of a comma-separated line, quoted when it must be and prefixed with `'`
    /// when a spreadsheet would read it as a formula.
    public static func safe(_ text: String) -> String {
        line([text], safe: true)
    }

    /// `text` as one cell, quoted when it must be and otherwise unchanged: for files that are
    /// data read back by Assay (the intake record), where a `'` prefix would change a path.
    public static func exact(_ text: String) -> String {
        line([text], safe: false)
    }

    private static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    private static func quoted(_ text: String) -> String {
        guard needsQuotes(text) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
