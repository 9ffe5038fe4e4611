import AssayKit
import Crypto
import Foundation

/// Makes and recognises `assay serve` tokens. A token is `assay_` and 43 base64url characters of
/// 32 random bytes from the system's generator (256 bits: guessing one is hopeless, so a plain
/// SHA-256 is a safe thing to store); the ledger keeps only that hash.
public enum TokenMint {
    /// A new token, shown to the curator once.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "assay_" + encoded
    }

    /// The stored form of `token`: lower-case hex SHA-256 of its UTF-8 bytes.
    public static func hash(_ token: String) -> String {
        ContentHash.hex(SHA256.hash(data: Array(token.utf8)))
    }
}
