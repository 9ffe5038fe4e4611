/// Tells the MIME type of a file's bytes. The runner sniffs every file once at intake; the
/// libmagic implementation lives in Plugins/MIMESniff.
public protocol MIMESniffer: Sendable {
    /// The MIME type (`image/png`) of the bytes; throws when the sniffer itself fails.
    func mimeType(of bytes: [UInt8]) throws(StageFailure) -> String
}
