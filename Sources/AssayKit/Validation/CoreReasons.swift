/// Reason codes the engine itself gives, at intake, for quotas and for stage failures.
public enum CoreReasons {
    /// The modality folder is not text, image or audio.
    public static let unknownModality = ReasonCode(
        "intake.unknown_modality", meaning: "The file sits in a folder that names no known modality.",
        hint: "Put the file under a text/, image/ or audio/ folder of its contributor.")
    /// A symbolic link points outside the folder being judged.
    public static let symlinkEscape = ReasonCode(
        "intake.symlink_escape", meaning: "A symbolic link points outside the folder being judged, or nowhere.",
        hint: "Submit the file itself, not a link to a file elsewhere.")
    /// A FIFO, socket or device.
    public static let notRegular = ReasonCode(
        "intake.not_regular", meaning: "The path is a FIFO, socket or device, not a regular file.",
        hint: "Submit regular files only.")
    /// Could not be opened or read.
    public static let unreadable = ReasonCode(
        "intake.unreadable", meaning: "The file could not be opened or read.",
        hint: "Check the file's permissions and that it still exists.")
    /// Zero bytes.
    public static let empty = ReasonCode(
        "intake.empty", meaning: "The file is empty.", hint: "Submit a file with content.")
    /// Over max_file_bytes.
    public static let tooLarge = ReasonCode(
        "intake.too_large", meaning: "The file is larger than max_file_bytes; it was not read.",
        hint: "Split or compress the file below the limit.")
    /// Sniffed MIME type not allowed for the folder's modality.
    public static let modalityMismatch = ReasonCode(
        "intake.modality_mismatch", meaning: "The content's MIME type (sniffed with libmagic) is not one the folder's modality allows, or a text file is in a character set the text folder does not take (UTF-16 by default) or that no text stage can read (unknown-8bit, such as Windows-1252, even when listed); the value is the type.",
        hint: "Move the file to the folder of its real modality, or convert it to a format the folder takes: the message names a conversion that works for the file's type.")
    /// The datanet does not take the folder's modality.
    public static let modalityClosed = ReasonCode(
        "intake.modality_closed", meaning: "The datanet does not collect this modality: its config's 'modalities:' does not list it.",
        hint: "Submit the file to a datanet that collects this kind of file.")
    /// A submission time outside 1970–9999.
    public static let badTime = ReasonCode(
        "intake.bad_time", meaning: "The submission time (the manifest's submitted_at, or the file's modification time) is before 1970 or after 9999.",
        hint: "Give the file a real submission time: fix the manifest row, or the file's modification time (touch).")
    /// A path that is not UTF-8.
    public static let badName = ReasonCode(
        "intake.bad_name", meaning: "A folder or file name on the path is not valid UTF-8, so the file cannot be named in verdicts, the ledger or a dataset.",
        hint: "Rename the file (and its folders) with UTF-8 names.")
    /// A path over PATH_MAX.
    public static let pathTooLong = ReasonCode(
        "intake.path_too_long", meaning: "The file's absolute path is at or over PATH_MAX bytes, so it cannot be opened by name.",
        hint: "Move the file to a shorter path.")
    /// A symbolic link inside the folder.
    public static let symlink = ReasonCode(
        "intake.symlink", meaning: "The path is a symbolic link. Links are refused: a link could move a file from one contributor to another or change after discovery.",
        hint: "Submit the file itself, not a link to it.")
    /// Over the daily file count.
    public static let dailyFiles = ReasonCode(
        "quota.daily_files", meaning: "The contributor already had daily_files files admitted that day.",
        hint: "Submit the file on another day.")
    /// Over the daily byte budget.
    public static let dailyBytes = ReasonCode(
        "quota.daily_bytes", meaning: "Admitting the file would pass the contributor's daily_bytes for that day.",
        hint: "Submit the file on another day, or a smaller file.")
    /// Over the datanet's own daily byte cap.
    public static let datanetDailyBytes = ReasonCode(
        "quota.datanet_daily_bytes", meaning: "Admitting the file would pass the datanet's limits.datanet_daily_bytes for that day (all contributors together).",
        hint: "Submit the file on another day: the datanet took all it takes today.",
        curator: "Raise or remove limits.datanet_daily_bytes.")
    /// One inode under two contributors.
    public static let hardlink = ReasonCode(
        "intake.hardlink", meaning: "The file is a hard link to a file under another contributor (the same inode): a link cannot move a file from one contributor to another. The value names the other path.",
        hint: "Submit your own files, not links to other contributors' files.")
    /// A contributor name nobody can tell apart from another.
    public static let badContributor = ReasonCode(
        "intake.bad_contributor", meaning: "The contributor's name has a character nobody sees or types on purpose (a control or format character such as a zero-width space, an unassigned or private-use code point, a space at either end), so it would look like another name.",
        hint: "Submit under a name of visible characters only.")
    /// A contributor name that reads as another's.
    public static let contributorLookalike = ReasonCode(
        "intake.contributor_lookalike", meaning: "The contributor's name reads the same as another contributor's (same letters up to case, compatibility forms and look-alike characters, Unicode TS #39), who submitted first: one person, one name. The limit names the first.",
        hint: "Submit under your one name; if you are a different person, choose a name that does not look like another contributor's.")
    /// The size read differs from the size the daily limits were decided on.
    public static let changedWhileRead = ReasonCode(
        "intake.changed_while_read", meaning: "The file changed size between discovery, where the daily limits were decided on its size, and reading; it is judged again, as it then is, on the next run. The value is the size read, the limit the size discovered.",
        hint: "Do not write to a file after submitting it; it is judged again on the next run.")
    /// A folder below the walked depth.
    public static let tooDeep = ReasonCode(
        "intake.too_deep", meaning: "A folder lies more levels below the datanet folder than are walked (32 by default); its files were not read. The verdict names the folder; the value is its depth.",
        hint: "Move the files up into a shallower folder.")
    /// A stage failed on the file.
    public static let stageFailed = ReasonCode(
        "stage.failed", meaning: "A validator failed on the file (a bug or a resource limit in Assay); the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.")
    /// A stage spent its CPU budget on the file.
    public static let stageTimeout = ReasonCode(
        "stage.timeout", meaning: "A validator used more than limits.stage_timeout of CPU on the file. The timeout is stored: the file is not tried again while its bytes, the stage's options and limits.stage_timeout are unchanged (a larger stage_timeout, or `assay run --retry-errors`, tries it again).",
        hint: "Nothing to fix in the file if it is ordinary; report it to the curators.",
        curator: "Raise limits.stage_timeout if ordinary files of this size need more CPU; otherwise the file is hostile or the stage is slow on it.")
    /// The MIME sniffer failed.
    public static let sniffFailed = ReasonCode(
        "intake.sniff_failed", meaning: "libmagic could not classify the file; the file is retried on the next run.",
        hint: "Nothing to fix in the file; report the message to the curators.")

    /// Every core code.
    public static let all: [ReasonCode] = [
        unknownModality, symlinkEscape, notRegular, unreadable, empty, tooLarge, modalityMismatch, modalityClosed, badTime, badName, pathTooLong, symlink,
        dailyFiles, dailyBytes, stageFailed, stageTimeout, sniffFailed, datanetDailyBytes, hardlink, badContributor, contributorLookalike,
        changedWhileRead, tooDeep,
    ]
}
