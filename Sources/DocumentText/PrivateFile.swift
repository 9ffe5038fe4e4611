import Glibc

/// A copy of untrusted bytes for a child process to read by name: created with mkstemp (mode 0600,
/// a name nobody else can guess or take) under `$TMPDIR` or /tmp, removed by ``remove()``.
struct PrivateFile {
    /// Where the copy is.
    let path: String

    /// Writes `bytes` to a new private file.
    init(_ bytes: [UInt8]) throws(DocumentProblem) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/assay-document-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .toolMissing("cannot create a private copy in \(folder): \(String(cString: strerror(errno)))") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else {
                let message = String(cString: strerror(errno))
                unlink(path)
                throw .toolMissing("cannot write a private copy in \(folder): \(message)")
            }
            offset += wrote
        }
    }

    /// Removes the copy.
    func remove() {
        unlink(path)
    }
}
