/// The MIME gate's sniff for files in a text folder: text or not, and in which character set.
///
/// libmagic spends 97% of its time on text guessing the subtype (C, Python, HPGL, ...) with
/// regular expressions, and on prose those guesses are often wrong. So clean UTF-8 (valid, with no
/// control characters but tab, line feed, carriage return and form feed) is `text/plain` in
/// `utf-8` without asking libmagic; the text stages judge what the text says. Everything else
/// (a NUL, a control character, bytes that are not UTF-8) goes to libmagic, the authority for
/// binaries, which tells a PNG or an ELF named `.txt` from UTF-16 or Latin-1 text. Clean UTF-8
/// that opens like a text-only binary format (`%PDF-`, `%!PS`) is asked too. Damaged UTF-8 that
/// libmagic calls an 8-bit set is UTF-8 (``TextDecoding/looksLikeDamagedUTF8(_:)``): the text
/// stages, not a conversion, say where it is broken.
public enum TextSniff {
    /// Bumped when the sniff gives other answers for the same bytes; part of the analysis
    /// fingerprint of text files.
    static let revision = 3

    /// Openings of binary formats that can be written in ASCII alone.
    private static let textLookingBinaries: [[UInt8]] = [Array("%PDF-".utf8), Array("%!PS".utf8), Array("%FDF-".utf8)]

    /// The type and character set of a text-folder file's `bytes`.
    public static func sniff(_ bytes: [UInt8], with sniffer: any MIMESniffer) throws(StageFailure) -> SniffedType {
        let clean = bytes.withUnsafeBufferPointer { raw -> Bool in
            let scan = EncodingScan(raw, allowFormFeed: true)
            return scan.isUTF8 && scan.controlCount == 0
        }
        if clean, !textLookingBinaries.contains(where: { bytes.starts(with: $0) }) {
            return SniffedType(type: "text/plain", charset: "utf-8")
        }
        var sniffed = try sniffer.sniff(bytes)
        // libmagic calls UTF-8 with a NUL byte `application/octet-stream`; it is text with control
        // characters, which is what the contributor must hear (`text.control_chars`).
        if sniffed.type == "application/octet-stream", bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil {
            sniffed = SniffedType(type: "text/plain", charset: "utf-8")
        }
        if sniffed.type.hasPrefix("text/"), sniffed.charset == "iso-8859-1" || sniffed.charset == "unknown-8bit",
           TextDecoding.looksLikeDamagedUTF8(bytes) {
            sniffed.charset = "utf-8"
        }
        return sniffed
    }

    /// The MIME string stored and shown for a text file: the type, with the character set when it
    /// is not UTF-8 or ASCII (`text/plain; charset=utf-16le`), so the gate can judge a stored sniff.
    public static func mime(_ sniffed: SniffedType) -> String {
        guard let charset = sniffed.charset, sniffed.type.hasPrefix("text/"), charset != "utf-8", charset != "us-ascii" else {
            return sniffed.type
        }
        return sniffed.type + "; charset=" + charset
    }
}
