import AssayKit
import CMagic

/// One libmagic cookie. A cookie is not thread-safe, so ``MagicPool`` hands each to one thread at a time.
final class MagicHandle: @unchecked Sendable {
    // @unchecked: the pool guarantees exclusive use of the cookie.
    let cookie: magic_t

    /// Opens a cookie with `MAGIC_MIME | MAGIC_ERROR` (type and character set) and loads the system database.
    init() throws(StageFailure) {
        guard let cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_MIME_ENCODING | MAGIC_ERROR) else {
            throw StageFailure(code: "intake.sniff_failed", message: "libmagic: magic_open failed")
        }
        guard magic_load(cookie, nil) == 0 else {
            let message = magic_error(cookie).map { String(cString: $0) } ?? "unknown error"
            magic_close(cookie)
            throw StageFailure(code: "intake.sniff_failed", message: "libmagic: cannot load the magic database: \(message)")
        }
        self.cookie = cookie
    }

    deinit {
        magic_close(cookie)
    }

    /// The MIME type and character set of `bytes`: `text/plain; charset=utf-8`.
    func mime(of bytes: [UInt8]) throws(StageFailure) -> String {
        let result = bytes.withUnsafeBytes { magic_buffer(cookie, $0.baseAddress, $0.count) }
        guard let result else {
            let message = magic_error(cookie).map { String(cString: $0) } ?? "unknown error"
            throw StageFailure(code: "intake.sniff_failed", message: "libmagic: \(message)")
        }
        return String(cString: result)
    }
}
