#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The one-run-at-a-time lock of a ledger: an exclusive `flock` on `LEDGER.lock`, held for the
/// whole run and released when the process ends (even by SIGKILL). Readers (`rank`, `report`,
/// `runs`, `check --ledger`) never take it.
public final class LedgerLock {
    /// Why the lock was not taken.
    public enum Failure: Error, Sendable {
        /// Another run holds it and the caller would not wait.
        case busy(String)
        /// The lock file could not be opened or locked.
        case failed(String)

        /// What to tell a person.
        public var message: String {
            switch self {
            case let .busy(message), let .failed(message): return message
            }
        }
    }

    private let fd: Int32

    /// Takes the lock for the ledger at `path`. When another run holds it, waits (telling
    /// `notify` once) or, with `wait` false, throws at once.
    public init(ledger path: String, wait: Bool, notify: (String) -> Void) throws(Failure) {
        let lockPath = path + ".lock"
        let directory = (lockPath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .failed("\(lockPath): cannot open the ledger's lock: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(fd)
            guard wait else {
                close(fd)
                throw .busy("\(path): another run (pid \(holder)) is using this ledger; wait for it, or leave out --no-wait to wait")
            }
            notify("assay: another run (pid \(holder)) is using \(path); waiting for it to finish")
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw .failed("\(lockPath): cannot lock the ledger: \(String(cString: strerror(errno)))")
                }
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The pid written by the run holding the lock, or "?".
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "?" }
        return String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
