/// One contributor's verdict counts, as the ranker reads them from the ledger.
public struct ContributorTally: Sendable, Equatable {
    /// The contributor id.
    public var contributor: String
    /// Files accepted.
    public var accepted: Int
    /// Files rejected by a validator.
    public var rejected: Int
    /// Files refused at intake or by quota (not counted in the rate).
    public var refused: Int
    /// Files on which Assay failed (not counted in the rate).
    public var errors: Int
    /// Rejected files that copy another contributor's file (`duplicate_of` under another name):
    /// informative only, it changes no score.
    public var copiesOfOthers = 0

    /// Creates a tally.
    public init(contributor: String, accepted: Int = 0, rejected: Int = 0, refused: Int = 0, errors: Int = 0) {
        self.contributor = contributor
        self.accepted = accepted
        self.rejected = rejected
        self.refused = refused
        self.errors = errors
    }

    /// More than half of the decided files were rejected as copies of other contributors' files:
    /// a sign of one person behind several names, or of someone resubmitting others' work. It
    /// changes no verdict and no score; a curator looks.
    public var mostlyCopiesOfOthers: Bool { copiesOfOthers > 0 && copiesOfOthers * 2 > decided }

    /// Files a validator decided on: accepted + rejected.
    public var decided: Int { accepted + rejected }

    /// accepted / (accepted + rejected), or nil when nothing was decided.
    public var rate: Double? { decided == 0 ? nil : Double(accepted) / Double(decided) }
}
