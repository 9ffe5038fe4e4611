import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing of verdict lines to a file or to standard output. Any write error (a full
/// disk, a closed pipe) is thrown: a verdicts file is never cut short silently. A file is written
/// beside its final name and renamed over it by ``finish()``: until then (and after a failed
/// write) whatever was at the path stays whole, and a hard link at the path is replaced, never
/// written through.
public final class LineSink {
    /// Why a write failed.
    public enum Failure: Error, Sendable {
        /// The reader of a pipe went away (`assay run --verdicts - | head`): not an error of ours.
        case pipeClosed
        /// Anything else (a full disk, an I/O error), with the path and the system's words.
        case failed(String)
    }

    private let fd: Int32
    private let name: String
    private let owned: Bool
    /// The byte that ends each line: a newline, or NUL for `export --format list --null` (file
    /// names may hold newlines; `xargs -0` reads NUL-separated names).
    public var terminator: UInt8 = 0x0A
    /// The temporary file written until ``finish()`` renames it to `name`.
    private var temporary: String?
    private var buffer: [UInt8] = []

    /// Writes to standard output.
    public static func standardOutput() -> LineSink { LineSink(fd: 1, owned: false, name: "standard output") }

    /// Writes `path`: through a temporary file beside it, renamed over it by ``finish()``.
    /// A path that holds something other than a regular file (a symbolic link such as
    /// `/dev/stdout` or a user's own, a FIFO, `/dev/full`) is written directly, through it. The
    /// new file gets the mode of the file it replaces, or the umask's.
    public static func file(_ path: String) throws(LedgerError) -> LineSink {
        var info = stat()
        let exists = lstat(path, &info) == 0
        if exists, info.st_mode & S_IFMT != S_IFREG {
            let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw LedgerError("\(path): cannot write: \(String(cString: strerror(errno)))") }
            return LineSink(fd: fd, owned: true, name: path)
        }
        var template = Array((path + ".assay-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw LedgerError("\(path): cannot write: \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        fchmod(fd, exists ? info.st_mode & 0o7777 : 0o666 & ~Self.currentUmask())
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let sink = LineSink(fd: fd, owned: true, name: path)
        sink.temporary = temporary
        return sink
    }

    /// The process's umask, read from /proc (setting it to read it would race other threads).
    private static func currentUmask() -> mode_t {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
              let mask = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) else { return 0o022 }
        return mask
    }

    private init(fd: Int32, owned: Bool, name: String) {
        self.fd = fd
        self.owned = owned
        self.name = name
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if owned { close(fd) }
        // Never finished: the old file at `name` stays as it was.
        if let temporary { unlink(temporary) }
    }

    /// Appends one line.
    public func write(line: String) throws(Failure) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(terminator)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws(Failure) {
        defer { buffer.removeAll(keepingCapacity: true) }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                if written < 0 && errno == EPIPE { throw .pipeClosed }
                throw .failed("\(name): cannot write: \(String(cString: strerror(written < 0 ? errno : EIO)))")
            }
            offset += written
        }
    }

    /// Flushes and, for a file, makes sure the bytes reached the disk (a full disk shows here),
    /// then puts the file in place.
    public func finish() throws(Failure) {
        try flush()
        if owned, fsync(fd) != 0, errno != EINVAL {
            throw .failed("\(name): cannot write: \(String(cString: strerror(errno)))")
        }
        if let temporary {
            guard rename(temporary, name) == 0 else { throw .failed("\(name): cannot write: \(String(cString: strerror(errno)))") }
            self.temporary = nil
        }
    }
}
