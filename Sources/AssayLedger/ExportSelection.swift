/// Which accepted files an export takes. Every filter is optional; together they narrow (AND).
public struct ExportSelection: Sendable, Equatable {
    /// Only this modality.
    public var modality: Modality?
    /// Only this contributor (the folder name, exactly).
    public var contributor: String?
    /// Only files submitted at or after this time, in seconds since 1970 UTC.
    public var since: Int64?

    /// A selection; with no argument, every accepted file.
    public init(modality: Modality? = nil, contributor: String? = nil, since: Int64? = nil) {
        self.modality = modality
        self.contributor = contributor
        self.since = since
    }

    /// Parses `--since`: a day (`2026-11-24`, midnight UTC) or an RFC 3339 time.
    public static func parseSince(_ text: String) -> Int64? {
        RFC3339.parseDayOrTime(text)
    }
}
