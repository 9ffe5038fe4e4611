import AssayCore
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An accepted file opened for export: through a descriptor opened without following links (as
/// `FileReader` reads), and checked to be the file that was judged. The same device, inode,
/// size, modification and change time as when it was read means unchanged; otherwise its
/// SHA-256 decides (a `touch`, or the link an earlier export made, which moves the change time,
/// does not leave a file out; bytes rewritten with the old modification time put back do).
final class SourceFile {
    /// Why a file is left out of an export.
    enum Problem: Error {
        case vanished(String)
        case changed
    }

    private let fd: Int32
    let size: Int64
    let device: UInt64
    let inode: UInt64

    init(_ file: AcceptedFile) throws(Problem) {
        let fd = FileReader.openWithoutLinks(file.absolutePath)
        guard fd >= 0 else { throw .vanished(String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .vanished("not a regular file any more")
        }
        self.fd = fd
        size = Int64(info.st_size)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        if file.readStat != FileStatus.signature(of: info) {
            guard size == file.verdict.bytes, let expected = file.verdict.sha256, (try? sha256()) == expected else { throw .changed }
        }
    }

    deinit { close(fd) }

    /// The whole content (text is small: it was read whole when judged, within `max_file_bytes`).
    func bytes() throws(ExportError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Int(size))
        try forEachChunk { result.append(contentsOf: $0) }
        return result
    }

    /// Hex SHA-256 of the content, read in chunks.
    func sha256() throws(ExportError) -> String {
        var hasher = SHA256()
        try forEachChunk { hasher.update(data: $0) }
        return ContentHash.hex(hasher.finalize())
    }

    /// Hard-links the file at `destination` (which must not exist); false when the file system
    /// cannot (another device), and the caller copies. The link is the contributor's inode:
    /// their later writes change the export (`export --link` says so).
    func link(at destination: String) -> Bool {
        linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, destination, AT_SYMLINK_FOLLOW) == 0
    }

    /// Copies the file to `destination` (which must not exist), as a reflink where the file
    /// system has them (Btrfs, XFS: no bytes copied, and later writes to the original do not
    /// reach the copy), else byte by byte; the copy is read only (0444) and its SHA-256 must be
    /// `sha256`, the bytes judged. Returns false, leaving nothing at `destination`, when the
    /// content changed since it was judged (a contributor writing to it during the export).
    func copy(to destination: String, expecting sha256: String?) throws(ExportError) -> Bool {
        let out = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw ExportError("\(destination): cannot create: \(String(cString: strerror(errno)))") }
        var closed = false
        defer { if !closed { close(out) } }
        let ficlone: UInt = 0x4004_9409
        if ioctl(out, ficlone, fd) != 0 {
            try forEachChunk { chunk throws(ExportError) in
                var offset = 0
                while offset < chunk.count {
                    let written = chunk.withUnsafeBufferPointer { write(out, $0.baseAddress.map { $0 + offset }, chunk.count - offset) }
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { throw ExportError("\(destination): cannot write: \(String(cString: strerror(errno)))") }
                    offset += written
                }
            }
        }
        fchmod(out, 0o444)
        close(out)
        closed = true
        // What was copied, read back from the copy: the bytes the dataset holds.
        guard let sha256, (try? Self.sha256(of: destination)) == sha256 else {
            unlink(destination)
            return false
        }
        return true
    }

    /// Hex SHA-256 of the file at `path`.
    static func sha256(of path: String) throws(ExportError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ExportError("\(path): cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ExportError("\(path): cannot read: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            hasher.update(data: buffer[0..<count])
        }
        return ContentHash.hex(hasher.finalize())
    }

    private func forEachChunk(_ body: ([UInt8]) throws(ExportError) -> Void) throws(ExportError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ExportError("cannot read an accepted file: \(String(cString: strerror(errno)))") }
            if count == 0 { return }
            offset += off_t(count)
            try body(Array(buffer[0..<count]))
        }
    }
}
