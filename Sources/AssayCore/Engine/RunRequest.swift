/// What `assay run` was asked to do.
public struct RunRequest: Sendable {
    /// Folders to judge (ignored when the config names a manifest).
    public var roots: [String]
    /// Worker threads for the parallel stages.
    public var jobs: Int
    /// Judge every file again, even unchanged ones.
    public var rejudge: Bool
    /// Read and hash every file again instead of trusting an unchanged `stat`
    /// (device, inode, size, mtime, ctime); stored findings are reused where the hash is equal.
    public var verify = false
    /// Where verdict lines go: a path, `-` for standard output, or nil.
    public var verdicts: String?
    /// Show a progress bar when standard error is a terminal.
    public var progress: Bool
    /// Wait for another run holding the ledger (false: fail at once, exit 2).
    public var wait: Bool
    /// Folders to remove from the datanet, with their files' verdicts.
    public var forget: [String] = []
    /// Trusted submission times to import before discovery (`--intake FILE`, an
    /// `assay intake export` file): each applies to the file first found at its path.
    public var intake: [IntakeRecord] = []
    /// Run again the stages that ran out of their CPU budget on a file in an earlier run
    /// (`--retry-errors`); by default such a timeout stands while file, options and budget do.
    public var retryErrors = false
    /// Called once the run holds the ledger's run lock and before it walks the folders; what it
    /// returns is imported like ``intake``. `assay serve` places its closed uploads here, so no
    /// run of any process walks the folder between a second's uploads being closed and placed.
    public var prepare: (@Sendable () throws -> [IntakeRecord])?
    /// False: the folders are not walked; the run stages only the files `prepare` returned (each
    /// examined as a walk examines it) and keeps every other file the ledger knows as it is (none
    /// is taken as removed or changed; files analyzed under other rules, or whose analysis
    /// failed, wait for the next run that walks). For a caller that alone writes to the folders and knows
    /// which files are new: `assay serve` judges each second's uploads so, walking in full on
    /// its first run, after a failed one and every `--walk-every` seconds. A hard link between a
    /// new file and an older one is not seen by such a run (the caller's files are its own).
    public var walkFolders = true
    /// False: the returned summary leaves out the count of each reason code, which reads every
    /// verdict's codes (the counts per verdict and modality stay). `assay serve` runs every second
    /// and prints no summary.
    public var countReasonCodes = true
    /// Duplicate indexes kept from the caller's previous run of the same pipeline and ledger, used
    /// when still valid and refilled at the end of a completed run (`assay serve`); nil loads them
    /// from the ledger every run.
    public var indexCache: DuplicateIndexCache?

    /// Creates a request.
    public init(roots: [String], jobs: Int, rejudge: Bool = false, verdicts: String? = nil, progress: Bool = true, wait: Bool = true) {
        self.wait = wait
        self.roots = roots
        self.jobs = max(0, jobs)
        self.rejudge = rejudge
        self.verdicts = verdicts
        self.progress = progress
    }
}
