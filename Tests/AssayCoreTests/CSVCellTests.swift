import AssayCore
import CSV
import Foundation
import Testing

/// Assay's CSV lines read back, through CSV.swift's reader, as the cells written: the direct path
/// (nothing to quote) and the library path (quotes, commas, line breaks) agree on every input.
@Suite struct CSVCellTests {
    static let tricky = ["plain", "", "a,b", "say \"hi\"", "\"", "line\nbreak", "cr\rhere", "crlf\r\nhere", "=SUM(A1)", "+1", "-2", "@x",
                         "\ttab", "naïve ñ 東京 👩‍🔬", "'quoted already", " spaced "]

    static func readBack(_ line: String) throws -> [String] {
        let reader = try CSVReader(string: line + "\n")
        return reader.next() ?? []
    }

    @Test func exactCellsRoundTrip() throws {
        for cell in Self.tricky {
            let row = ["x", cell, "y"]
            #expect(try Self.readBack(CSVCell.line(row, safe: false)) == row, "\(cell.debugDescription)")
        }
        #expect(CSVCell.line(["a", "b"], safe: false) == "a,b")
        #expect(CSVCell.line(["a,b", "c"], safe: false) == "\"a,b\",c")
        #expect(CSVCell.line(["say \"hi\""], safe: false) == "\"say \"\"hi\"\"\"")
    }

    @Test func safeCellsCannotStartAFormula() throws {
        for cell in Self.tricky {
            let back = try Self.readBack(CSVCell.line([cell], safe: true))
            #expect(back.count == 1, "\(cell.debugDescription)")
            let first = back.first?.unicodeScalars.first
            #expect(first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true, "\(cell.debugDescription) reads back as \(back)")
        }
        #expect(CSVCell.safe("=SUM(A1)") == "'=SUM(A1)")
    }
}
