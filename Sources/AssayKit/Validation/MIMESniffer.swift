/// Tells the MIME type of a file's bytes. The runner sniffs every image and audio file, and every
/// text file that is not clean UTF-8 (see ``TextSniff``), once at intake; the libmagic
/// implementation lives in Sources/MIMESniff.
public protocol MIMESniffer: Sendable {
    /// The MIME type (`image/png`) of the bytes; throws when the sniffer itself fails.
    func mimeType(of bytes: [UInt8]) throws(StageFailure) -> String

    /// The MIME type and the character set the bytes are in, as `file --mime` tells them
    /// (`text/plain` in `utf-16le`; `binary` for what is not text). Throws when the sniffer fails.
    func sniff(_ bytes: [UInt8]) throws(StageFailure) -> SniffedType
}

extension MIMESniffer {
    /// A sniffer that cannot tell character sets gives the type alone.
    public func sniff(_ bytes: [UInt8]) throws(StageFailure) -> SniffedType {
        SniffedType(type: try mimeType(of: bytes), charset: nil)
    }
}
