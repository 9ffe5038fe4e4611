import Foundation
/// Parses and prints byte sizes: B, KB, MB, GB are powers of 10; KiB, MiB, GiB powers of 2.
public enum ByteSize {
    private static let units: [(String, Int64)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
        ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1),
    ]

    /// Bytes for `10MB`, `1.5 GiB`, `2048`; nil when the text is not a size.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            let number = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value >= 0, value.isFinite else { return nil }
            let bytes = value * Double(factor)
            guard bytes < 9.0e18 else { return nil }
            return Int64(bytes.rounded())
        }
        guard let plain = Int64(trimmed), plain >= 0 else { return nil }
        return plain
    }

    /// The shortest exact spelling: `10MB`, `512KiB`, `1234B`.
    public static func format(_ bytes: Int64) -> String {
        for (unit, factor) in units where factor > 1 && bytes != 0 && bytes % factor == 0 {
            return "\(bytes / factor)\(unit)"
        }
        return "\(bytes)B"
    }
}
