#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing of verdict lines to a file or to standard output.
public final class LineSink {
    private let fd: Int32
    private let owned: Bool
    private var buffer: [UInt8] = []

    /// Writes to standard output.
    public static func standardOutput() -> LineSink { LineSink(fd: 1, owned: false) }

    /// Creates (truncates) `path`.
    public static func file(_ path: String) throws(LedgerError) -> LineSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LedgerError("\(path): cannot write verdicts: \(String(cString: strerror(errno)))") }
        return LineSink(fd: fd, owned: true)
    }

    private init(fd: Int32, owned: Bool) {
        self.fd = fd
        self.owned = owned
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        flush()
        if owned { close(fd) }
    }

    /// Appends one line.
    public func write(line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered.
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
