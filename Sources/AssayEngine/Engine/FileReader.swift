#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file once, bounded by `max_file_bytes`, re-checking on the open descriptor what
/// discovery saw (the file may have changed in between). The file is opened without following a
/// final symbolic link, and what is judged is what that descriptor holds: its size is the bytes
/// read, not what discovery's `stat` said.
public struct FileReader: Sendable {
    /// Files larger than this many bytes are refused without reading them whole.
    public let maxFileBytes: Int64

    /// Why a file was not read: the refusal's code, message, measured value and limit.
    public enum Failure: Error {
        /// The file is refused (`intake.too_large`, `intake.unreadable`, ...).
        case refused(ReasonCode, String, value: ReasonValue?, limit: ReasonValue?)
    }

    /// A reader that reads at most `maxFileBytes` bytes of a file.
    public init(maxFileBytes: Int64) {
        self.maxFileBytes = maxFileBytes
    }

    /// The whole file at `path`, or why it cannot be judged.
    public func load(_ path: String) throws(Failure) -> [UInt8] {
        let fd = Self.openWithoutLinks(path)
        guard fd >= 0 else {
            if errno == ELOOP {
                throw .refused(CoreReasons.symlink, "the file, or a folder on its path, became a symbolic link after it was found; it was not read",
                               value: nil, limit: nil)
            }
            throw .refused(CoreReasons.unreadable, "cannot open the file: \(String(cString: strerror(errno)))", value: nil, limit: nil)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .refused(CoreReasons.unreadable, "cannot examine the file: \(String(cString: strerror(errno)))", value: nil, limit: nil)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .refused(CoreReasons.notRegular, "the path is not a regular file", value: nil, limit: nil)
        }
        let size = Int64(info.st_size)
        guard size <= maxFileBytes else {
            throw .refused(CoreReasons.tooLarge, "the file is larger than max_file_bytes; it was not read",
                           value: .number(Double(size)), limit: .number(Double(maxFileBytes)))
        }
        // One byte more than allowed, to notice a file that grew since it was examined.
        let capacity = Int(min(size, maxFileBytes) + 1)
        var bytes = [UInt8](repeating: 0, count: capacity)
        var filled = 0
        while filled < capacity {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base + filled, capacity - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .refused(CoreReasons.unreadable, "cannot read the file: \(String(cString: strerror(errno)))", value: nil, limit: nil)
            }
            if got == 0 { break }
            filled += got
        }
        guard Int64(filled) <= maxFileBytes else {
            throw .refused(CoreReasons.tooLarge, "the file grew past max_file_bytes while being read", value: nil, limit: .number(Double(maxFileBytes)))
        }
        guard filled > 0 else { throw .refused(CoreReasons.empty, "the file is empty", value: 0, limit: nil) }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Opens an absolute path one component at a time, following no symbolic link anywhere on it
    /// (a folder swapped for a link after discovery must not lead out of the datanet). Roots are
    /// real paths, so a legitimate path has no link on it. Returns -1 with `errno` set on failure.
    public static func openWithoutLinks(_ path: String) -> Int32 {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var directory = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return -1 }
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            let flags = last ? O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW : O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW
            let next = openat(directory, String(part), flags)
            var saved = errno
            if next < 0, !last, saved == ENOTDIR {
                // A link in place of a folder fails with ENOTDIR under O_DIRECTORY | O_NOFOLLOW.
                var info = stat()
                if fstatat(directory, String(part), &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFLNK { saved = ELOOP }
            }
            close(directory)
            guard next >= 0 else {
                errno = saved
                return -1
            }
            directory = next
        }
        return directory
    }
}
