/// The one verdict value for one file: what the verdict line says, what the ledger stores and
/// what `check`, `rank` and `report` read back. Its JSON form is a public contract (keys may be
/// added, never renamed or removed). It has one encoding: ``VerdictLine`` writes it, in the
/// documented key order, with every non-finite number as `null`; `Decodable` reads it back.
public struct Verdict: Sendable, Equatable, Decodable {
    /// The folder the file was found under, absolute with links resolved.
    public var root: String
    /// Path relative to `root`.
    public var path: String
    /// Contributor id.
    public var contributor: String
    /// Modality folder name.
    public var modality: String
    /// Size in bytes: what was read, or what `stat` said for a file never read.
    public var bytes: Int64
    /// Hex SHA-256, nil when the file was never read.
    public var sha256: String?
    /// Sniffed MIME type, nil when not sniffed.
    public var mime: String?
    /// Submission time, seconds since 1970 UTC.
    public var submittedAt: Int64
    /// The verdict.
    public var verdict: VerdictKind
    /// Every reason, in stage order.
    public var reasons: [Reason]
    /// Every metric from every stage.
    public var metrics: [String: Double]
    /// The earlier file this one copies, if any.
    public var duplicateOf: FileRef?

    /// Creates a verdict.
    public init(root: String, path: String, contributor: String, modality: String, bytes: Int64, sha256: String?, mime: String?,
                submittedAt: Int64, verdict: VerdictKind, reasons: [Reason], metrics: [String: Double], duplicateOf: FileRef?) {
        self.root = root
        self.path = path
        self.contributor = contributor
        self.modality = modality
        self.bytes = bytes
        self.sha256 = sha256
        self.mime = mime
        self.submittedAt = submittedAt
        self.verdict = verdict
        self.reasons = reasons
        self.metrics = metrics
        self.duplicateOf = duplicateOf
    }

    /// An accepted verdict with no reasons yet, for `submission`.
    public init(pending submission: Submission) {
        self.init(root: submission.root, path: submission.path, contributor: submission.contributor, modality: submission.modalityName,
                  bytes: submission.bytes, sha256: nil, mime: nil, submittedAt: submission.submittedAt, verdict: .accepted,
                  reasons: [], metrics: [:], duplicateOf: nil)
    }

    /// The verdict of a file turned away before any byte of it was read (at intake, or by a
    /// daily limit): where it is, its size as found and why; no hash, type or metrics. The ledger
    /// stores no line for such a file (a refused file costs a few hundred bytes of ledger) and
    /// rebuilds this one from the file's row.
    public init(refusedBeforeReading file: FileRef, contributor: String, modality: String, submittedAt: Int64, bytes: Int64, reason: Reason) {
        self.init(root: file.root, path: file.path, contributor: contributor, modality: modality, bytes: bytes, sha256: nil, mime: nil,
                  submittedAt: submittedAt, verdict: .refused, reasons: [reason], metrics: [:], duplicateOf: nil)
    }

    /// The file's identity.
    public var file: FileRef { FileRef(root: root, path: path) }

    /// The verdict line's keys.
    enum CodingKeys: String, CodingKey {
        case path, contributor, modality, bytes, sha256, mime, verdict, reasons, metrics, root
        case submittedAt = "submitted_at"
        case duplicateOf = "duplicate_of"
        case duplicateOfRoot = "duplicate_of_root"
    }

    /// Reads a verdict line; `submitted_at` is an RFC 3339 time.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        root = try c.decodeIfPresent(String.self, forKey: .root) ?? ""
        path = try c.decode(String.self, forKey: .path)
        contributor = try c.decode(String.self, forKey: .contributor)
        modality = try c.decode(String.self, forKey: .modality)
        bytes = try c.decode(Int64.self, forKey: .bytes)
        sha256 = try c.decodeIfPresent(String.self, forKey: .sha256)
        mime = try c.decodeIfPresent(String.self, forKey: .mime)
        let time = try c.decode(String.self, forKey: .submittedAt)
        guard let seconds = RFC3339.parse(time) else {
            throw DecodingError.dataCorruptedError(forKey: .submittedAt, in: c, debugDescription: "not an RFC 3339 time: \(time)")
        }
        submittedAt = seconds
        verdict = try c.decode(VerdictKind.self, forKey: .verdict)
        reasons = try c.decode([Reason].self, forKey: .reasons)
        // A non-finite metric is written as null (the one rule of ``VerdictLine``) and read back as NaN.
        metrics = try c.decode([String: Double?].self, forKey: .metrics).mapValues { $0 ?? .nan }
        if let path = try c.decodeIfPresent(String.self, forKey: .duplicateOf) {
            duplicateOf = FileRef(root: try c.decodeIfPresent(String.self, forKey: .duplicateOfRoot) ?? root, path: path)
        } else {
            duplicateOf = nil
        }
    }
}

/// The name the verdict had before version 0.2; kept for one version.
@available(*, deprecated, renamed: "Verdict")
public typealias Judgement = Verdict
