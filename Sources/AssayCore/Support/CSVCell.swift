/// One CSV cell, quoted when it must be and neutralised against spreadsheet formulas: a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's
/// advice against CSV injection), since contributor names come from folder names anyone chooses.
public enum CSVCell {
    /// `text` as one cell of a comma-separated line: quoted when it holds a comma, quote or line
    /// break, and prefixed with `'` when a spreadsheet would read it as a formula.
    public static func safe(_ text: String) -> String {
        var cell = text
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { cell = "'" + cell }
        guard cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` as one cell, quoted when it must be and otherwise unchanged: for files that are
    /// data read back by Assay (the intake record), where a `'` prefix would change a path.
    public static func exact(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
