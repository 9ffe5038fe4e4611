import AssayKit

/// How a plugin process failed one exchange; each becomes a ``StageFailure`` with its code.
enum PluginFault: Error, Sendable {
    /// It exited, was killed, closed a pipe, or could not start.
    case crash(String)
    /// It answered something invalid.
    case garbage(String)
    /// It did not answer in time.
    case timeout(String)

    /// The declared reason code.
    var code: ReasonCode {
        switch self {
        case .crash: return ExternalReasons.crash
        case .garbage: return ExternalReasons.protocolError
        case .timeout: return ExternalReasons.timeout
        }
    }

    /// What happened, in a few words.
    var message: String {
        switch self {
        case let .crash(text), let .garbage(text), let .timeout(text): return text
        }
    }
}
