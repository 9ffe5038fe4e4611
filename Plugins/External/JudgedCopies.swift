import AssayKit
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The bytes Assay judged, handed to a plugin as a private read-only copy: a file the plugin
/// opens by a path only Assay can write to (a 0700 folder of Assay's own), never the
/// contributor's path, which a contributor could swap between Assay's read and the plugin's.
/// One copy per request, removed once the plugin has answered.
final class JudgedCopies: Sendable {
    private let folder = Mutex<String?>(nil)

    deinit {
        if let path = folder.withLock({ $0 }) { rmdir(path) }
    }

    /// Writes `input`'s bytes to a new file named for request `id` (with the submitted file's
    /// extension, which some plugins read the type from) and returns its path.
    func write(_ input: FileInput, id: Int) throws(PluginFault) -> String {
        let base = try directory()
        let ext = (input.submission.path as NSString).pathExtension
        let safe = ext.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) } && ext.count <= 16
        let path = base + "/\(id)" + (safe && !ext.isEmpty ? "." + ext : "")
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o400)
        guard fd >= 0 else { throw .crash("cannot make the private copy \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < input.bytes.count {
            let written = input.bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, input.bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                unlink(path)
                throw .crash("cannot write the private copy \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        return path
    }

    /// Removes a copy once its answer is in.
    func remove(_ path: String) {
        unlink(path)
    }

    /// The private folder, made on first use under TMPDIR (or /tmp), mode 0700.
    private func directory() throws(PluginFault) -> String {
        let made = folder.withLock { current -> String? in
            if let current { return current }
            let root = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((root + "/assay-plugin-XXXXXX").utf8CString)
            let result = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
            guard result != nil else { return nil }
            current = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return current
        }
        guard let made else { throw .crash("cannot make a private folder for plugin input: \(String(cString: strerror(errno)))") }
        return made
    }
}
