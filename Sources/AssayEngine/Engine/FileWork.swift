/// One file handed to analysis: what discovery found now and what the ledger knew of it.
public struct FileWork: Sendable {
    /// The submission as discovered in this run.
    public let submission: Submission
    /// Why intake turns the file away before reading it, if it does.
    public let refusal: Reason?
    /// What earlier runs learned from the file, nil for a file never read.
    public let stored: StoredAnalysis?
    /// The daily limit the file is over, decided in canonical order before any file is read; a
    /// file over a limit is never read.
    public let admission: Reason?

    /// Creates the work item.
    public init(submission: Submission, refusal: Reason?, stored: StoredAnalysis?, admission: Reason? = nil) {
        self.submission = submission
        self.refusal = refusal
        self.stored = stored
        self.admission = admission
    }

    /// Why the file is turned away before it is read: at discovery, or by a daily limit.
    public var refusalBeforeReading: Reason? { refusal ?? admission }
}

/// What the ledger keeps of a file's last analysis, reusable while the file's `stat` is unchanged.
public struct StoredAnalysis: Sendable {
    /// `stat` of the file when it was read.
    public var stat: String
    /// Bytes read.
    public var bytes: Int64
    /// Hex SHA-256 of the bytes.
    public var sha256: String
    /// Sniffed MIME type.
    public var mime: String
    /// Findings by stage name, each with the stage fingerprint it was made under.
    public var findings: [String: StoredFinding]

    /// Creates the record.
    public init(stat: String, bytes: Int64, sha256: String, mime: String, findings: [String: StoredFinding]) {
        self.stat = stat
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
        self.findings = findings
    }
}

/// A finding as stored, with the fingerprint of the stage options it was made under.
public struct StoredFinding: Sendable {
    /// The stage's ``Stage/fingerprint`` then.
    public let stageFingerprint: String
    /// The finding.
    public let finding: Finding

    /// Creates the record.
    public init(stageFingerprint: String, finding: Finding) {
        self.stageFingerprint = stageFingerprint
        self.finding = finding
    }
}
