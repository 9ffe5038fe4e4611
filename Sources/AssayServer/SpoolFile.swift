import AssayKit
import Crypto
import Foundation

/// An upload being received: bytes are written to a new file in the datanet's spool as they
/// arrive, hashed on the way, and refused the moment they pass the datanet's largest file
/// (`limits.max_file_bytes`), so a large upload never sits in memory and a refused one leaves
/// nothing behind (``discard()``).
final class SpoolFile {
    /// Why receiving stopped.
    enum Problem: Error {
        /// More than `limit` bytes arrived.
        case tooLarge(limit: Int64)
        /// The spool file could not be written (the server's fault: 500).
        case io(String)
    }

    let path: String
    private let limit: Int64
    private var descriptor: Int32
    private var hasher = SHA256()
    private(set) var bytes: Int64 = 0

    /// Creates `path` (it must not exist), to receive at most `limit` bytes.
    init(path: String, limit: Int64) throws(Problem) {
        self.path = path
        self.limit = limit
        descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io("\(path): cannot create the spool file: \(String(cString: strerror(errno)))") }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends `chunk`; past the limit, throws ``Problem/tooLarge(limit:)`` without writing it.
    func write(_ chunk: UnsafeRawBufferPointer) throws(Problem) {
        guard chunk.count > 0 else { return }
        bytes += Int64(chunk.count)
        guard bytes <= limit else { throw .tooLarge(limit: limit) }
        hasher.update(bufferPointer: chunk)
        var offset = 0
        while offset < chunk.count {
            let written = Foundation.write(descriptor, chunk.baseAddress.map { $0 + offset }, chunk.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io("\(path): cannot write the upload: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Closes the file (flushed to disk) and returns the SHA-256 of what was received.
    func finish() throws(Problem) -> String {
        let synced = fsync(descriptor)
        let closed = close(descriptor)
        descriptor = -1
        guard synced == 0, closed == 0 else { throw .io("\(path): cannot save the upload: \(String(cString: strerror(errno)))") }
        return ContentHash.hex(hasher.finalize())
    }

    /// Closes and removes the file: nothing of the upload is kept.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }
}
