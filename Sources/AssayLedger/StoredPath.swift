/// How the ledger stores a file's absolute path: empty when it is `root/path` (nearly always),
/// since the row already holds both; a row costs its path once fewer. Every query reads it back
/// through ``sql(prefix:)``.
enum StoredPath {
    /// The value for the `absolute_path` column.
    static func compact(_ submission: Submission) -> String {
        submission.absolutePath == submission.root + "/" + submission.path ? "" : submission.absolutePath
    }

    /// The SQL expression that gives the absolute path of a row of `files` (or `staged`), for a
    /// table alias `prefix` such as `"f."`.
    static func sql(prefix: String = "") -> String {
        "(CASE WHEN \(prefix)absolute_path = '' THEN \(prefix)root || '/' || \(prefix)path ELSE \(prefix)absolute_path END)"
    }
}
