/// The daily limits `assay serve` decides at the door, per UTC day: per contributor across every
/// datanet of the server (files and bytes), and per datanet (bytes, all contributors together).
/// nil switches a limit off. An upload counts once it is kept, whatever its verdict.
public struct ServeQuota: Sendable, Equatable {
    /// Uploads a contributor may have kept per UTC day, across every datanet.
    public var contributorFiles: Int?
    /// Bytes a contributor may have kept per UTC day, across every datanet.
    public var contributorBytes: Int64?
    /// Bytes one datanet keeps per UTC day, all contributors together.
    public var datanetBytes: Int64?

    /// The limits; the defaults are 20 files and 10 MB per contributor, 10 MB per datanet.
    public init(contributorFiles: Int? = 20, contributorBytes: Int64? = 10_000_000, datanetBytes: Int64? = 10_000_000) {
        self.contributorFiles = contributorFiles
        self.contributorBytes = contributorBytes
        self.datanetBytes = datanetBytes
    }
}

/// Why an upload was turned away by a daily limit, with when that limit resets.
public struct QuotaRefusal: Sendable, Equatable {
    /// Which limit: `daily_files`, `daily_bytes` (per contributor) or `datanet_daily_bytes`.
    public let limit: String
    /// What the day would have used with this upload (files, or bytes).
    public let wouldUse: Int64
    /// The limit's value.
    public let allowed: Int64
    /// When the UTC day ends and the limit resets, seconds since 1970.
    public let resetsAt: Int64
    /// One sentence for the contributor.
    public let message: String
}

/// What the admitting transaction decided for one upload.
public enum UploadAdmission: Sendable, Equatable {
    /// Kept, with the submission time the server gave it (seconds since 1970 UTC).
    case admitted(submittedAt: Int64)
    /// Turned away by a daily limit; nothing was counted or kept.
    case refused(QuotaRefusal)
}
