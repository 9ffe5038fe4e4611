#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat`/`stat` says about a path, reduced to what intake needs.
public struct FileStatus {
    /// What the path is; `special` is a device, socket or FIFO.
    public enum Kind: Sendable { case regular, directory, symlink, special }

    /// What the path is.
    public let kind: Kind
    /// Bytes, as `stat` says.
    public let size: Int64
    /// Modification time, seconds since 1970 UTC.
    public let modified: Int64
    /// The permission bits (`st_mode & 0o7777`).
    public let permissions: UInt32
    /// Device, inode, size and modification and change times to the nanosecond: when all are
    /// unchanged the file is taken as unchanged and not read again (as git's index does).
    public let signature: String
    /// `device:inode` when the file has more than one hard link, else nil: only such files can
    /// be the same file under two contributors.
    public let sharedInode: String?

    /// `lstat` (links are not followed) or `stat`; nil when the path cannot be examined.
    public init?(path: String, followLinks: Bool) {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .special
        }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        permissions = UInt32(info.st_mode) & 0o7777
        signature = Self.signature(of: info)
        sharedInode = info.st_nlink > 1 && info.st_mode & S_IFMT == S_IFREG ? "\(info.st_dev):\(info.st_ino)" : nil
    }

    /// `device:inode:size:mtime:ctime` (times to the nanosecond) of a `stat` result: the one
    /// format the ledger stores and export compares against.
    public static func signature(of info: stat) -> String {
        "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// The canonical absolute path, links resolved; nil when it does not resolve.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
