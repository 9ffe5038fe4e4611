/// A count with its noun in the right number, for what people read: "1 file", "2 files",
/// "0 files". English only, like every message Assay prints.
public enum Plural {
    /// `count` and `singular`, or `plural` (default: `singular` + "s") unless `count` is 1.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + noun(count, singular, plural)
    }

    /// `singular` when `count` is 1, else `plural` (default: `singular` + "s").
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}
