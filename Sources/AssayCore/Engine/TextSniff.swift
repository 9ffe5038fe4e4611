/// A correction to libmagic for text folders: libmagic calls UTF-8 text with a NUL byte
/// `application/octet-stream`, which would refuse it as a modality mismatch. Such a file is text
/// with control characters, which is what the contributor must hear (`text.control_chars`).
enum TextSniff {
    /// The MIME type to judge the file by.
    static func refine(_ mime: String, bytes: [UInt8], modality: Modality) -> String {
        guard modality == .text, mime == "application/octet-stream", bytes.contains(0),
              String(validating: bytes, as: UTF8.self) != nil else { return mime }
        return "text/plain"
    }
}
