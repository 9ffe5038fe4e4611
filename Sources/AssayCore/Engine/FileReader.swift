#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file once, bounded by `max_file_bytes`, re-checking on the open descriptor what
/// discovery saw (the file may have changed in between).
struct FileReader: Sendable {
    let maxFileBytes: Int64

    enum Failure: Error {
        case refused(ReasonCode, String, value: ReasonValue?, limit: ReasonValue?)
    }

    func load(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
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
}
