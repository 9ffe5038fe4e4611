import Crypto

/// The content SHA-256, computed once per file and shared by every stage.
public enum ContentHash {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of any byte sequence.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
