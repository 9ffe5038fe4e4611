import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Refuses an output path that would destroy an input: the ledger (or its WAL, shared-memory and
/// lock files), the config, the manifest, or a place inside a folder being judged (it would be
/// judged as a submission next time). Files are compared by device and inode, so a hard link or
/// another name for the ledger is caught; folders by the device and inode of every folder above
/// the output, so a bind mount or a linked folder is caught too.
public enum OutputGuard {
    /// A usage error when `output` is one of those; `what` names the option in the message.
    public static func check(_ output: String, what: String, ledger: String, config: String?, manifest: String?,
                             roots: [String]) throws(RunError) {
        let target = resolved(output)
        var ledgerFiles: [String] = []
        if case let .sqlite(path)? = try? LedgerAddress(ledger) { ledgerFiles = [path, path + "-wal", path + "-shm", path + ".lock"] }
        let protected = ledgerFiles.map { ($0, "the ledger") }
            + [config.map { ($0, "the config") }, manifest.map { ($0, "the manifest") }].compactMap { $0 }
        let targetIdentity = identity(of: target)
        for (path, name) in protected {
            if resolved(path) == target || (targetIdentity != nil && identity(of: path) == targetIdentity) {
                throw .usage("\(what) \(output) is \(name) (\(path)); choose another file")
            }
        }
        // Every folder above the output, as device and inode.
        var above: Set<Identity> = []
        var folder = (target as NSString).deletingLastPathComponent
        while true {
            if let id = identity(of: folder) { above.insert(id) }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folder = parent
        }
        if let targetIdentity { above.insert(targetIdentity) }
        for root in roots {
            let base = resolved(root)
            let inside = target.hasPrefix(base.hasSuffix("/") ? base : base + "/") || target == base
            if inside || identity(of: base).map(above.contains) == true {
                throw .usage("\(what) \(output) is inside \(root), a folder being judged; write it elsewhere")
            }
        }
    }

    /// Device and inode.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// The device and inode `path` resolves to (links followed); nil when nothing is there.
    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The absolute path with links resolved as far as it exists.
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        if let real = FileStatus.realPath(standard) { return real }
        let parent = (standard as NSString).deletingLastPathComponent
        return ((FileStatus.realPath(parent) ?? parent) as NSString).appendingPathComponent((standard as NSString).lastPathComponent)
    }
}
