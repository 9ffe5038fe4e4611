#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where plugin stderr lines and Assay's notes about plugins go: Assay's standard error by default.
struct PluginLog: Sendable {
    /// Writes one line (without its newline).
    let write: @Sendable (String) -> Void

    /// Assay's standard error; each line is one write(2), so lines from several plugins do not mix.
    static let standardError = PluginLog { line in
        let bytes = Array((line + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { buffer in
                Glibc.write(2, buffer.baseAddress.map { $0 + done }, bytes.count - done)
            }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return }
            done += wrote
        }
    }
}
