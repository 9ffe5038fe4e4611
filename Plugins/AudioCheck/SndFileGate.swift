import CSndFile
import Synchronization

/// Serialises `sf_open_virtual` with the reading of its error text.
///
/// libsndfile keeps the error of a failed open in process-wide state: `psf_open_file` sets the
/// global `sf_errno` (to 0 at the start of every open, successful or not, and to the error at its
/// end), and `sf_strerror(NULL)` reads it. Two opens on two threads can therefore overwrite each
/// other's error before it is read. Every open in this module goes through ``open(_:_:_:)``, which
/// holds one lock across the open and the read of the message, so each failed open reports its
/// own error. Errors of an open handle (`sf_error(handle)`) are per handle and need no lock.
enum SndFileGate {
    private static let lock = Mutex<Void>(())

    /// Opens for reading; on failure returns libsndfile's message for this very open.
    static func open(_ io: inout SF_VIRTUAL_IO, _ info: inout SF_INFO,
                     _ stream: UnsafeMutablePointer<MemoryStream>) -> Result<OpaquePointer, SoundFileError> {
        let outcome = lock.withLock { _ -> Result<OpenedHandle, SoundFileError> in
            if let handle = sf_open_virtual(&io, Int32(SFM_READ), &info, stream) {
                return .success(OpenedHandle(pointer: handle))
            }
            let code = sf_error(nil)
            let message = sf_strerror(nil).map { String(cString: $0) } ?? "unknown libsndfile error"
            return .failure(SoundFileError(code: code, message: message))
        }
        return outcome.map(\.pointer)
    }
}

/// A fresh handle leaving the lock. @unchecked: only the thread that opened it ever uses it.
private struct OpenedHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
