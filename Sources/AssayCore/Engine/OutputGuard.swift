import Foundation

/// Refuses an output path that would destroy an input: the ledger (or its WAL, shared-memory and
/// lock files), the config, the manifest, or a file inside a folder being judged (it would be
/// judged as a submission next time).
public enum OutputGuard {
    /// A usage error when `output` is one of those; `what` names the option in the message.
    public static func check(_ output: String, what: String, ledger: String, config: String?, manifest: String?,
                             roots: [String]) throws(RunError) {
        let target = resolved(output)
        var ledgerFiles: [String] = []
        if case let .sqlite(path)? = try? LedgerAddress(ledger) { ledgerFiles = [path, path + "-wal", path + "-shm", path + ".lock"] }
        let protected = ledgerFiles.map { ($0, "the ledger") }
            + [config.map { ($0, "the config") }, manifest.map { ($0, "the manifest") }].compactMap { $0 }
        for (path, name) in protected where resolved(path) == target {
            throw .usage("\(what) \(output) is \(name); choose another file")
        }
        for root in roots {
            let base = resolved(root)
            if target.hasPrefix(base.hasSuffix("/") ? base : base + "/") {
                throw .usage("\(what) \(output) is inside \(root), a folder being judged; write it elsewhere")
            }
        }
    }

    /// The absolute path with links resolved as far as it exists.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        if let real = FileStatus.realPath(standard) { return real }
        let parent = (standard as NSString).deletingLastPathComponent
        return ((FileStatus.realPath(parent) ?? parent) as NSString).appendingPathComponent((standard as NSString).lastPathComponent)
    }
}
