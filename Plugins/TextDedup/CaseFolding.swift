import Foundation

/// The slow half of normalisation: Unicode NFC and full case folding through Foundation, for
/// the few tokens the byte-level fast path cannot vouch for.
enum CaseFolding {
    /// True when the scalar is its own NFC form in any context and case folding leaves it alone:
    /// no case mapping, no NFKC change, canonical combining class 0, and inside blocks where no
    /// starter composes with the character before it (Hangul jamo and some Indic vowel signs
    /// do, so anything outside these blocks takes the slow path).
    static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let knownBlock = value < 0x0900 || (0x2000...0x2BFF).contains(value) || (0x3000...0x303F).contains(value)
            || (0x4E00...0x9FFF).contains(value)
        guard knownBlock else { return false }
        let properties = scalar.properties
        return properties.canonicalCombiningClass == .notReordered
            && !properties.changesWhenCaseFolded
            && !properties.changesWhenNFKCCaseFolded
    }

    /// The normalised bytes of one white-space-free token: NFD, full case folding, NFC (the
    /// order Unicode recommends for caseless matching, D145). Bytes that are not UTF-8 are kept.
    static func fold(_ token: UnsafeBufferPointer<UInt8>, into out: inout OutputBuffer<UInt8>) {
        guard let text = String(validating: token, as: UTF8.self) else {
            // Valid and invalid bytes mixed: fold the valid scalars one by one.
            var i = 0
            while i < token.count {
                if token[i] < 0x80 {
                    out.append(token[i] | ((token[i] &- 0x41) < 26 ? 0x20 : 0))
                    i += 1
                    continue
                }
                let (scalar, width) = UTF8Bytes.decode(token, at: i)
                if let scalar {
                    foldValid(String(Character(scalar)), into: &out)
                } else {
                    out.append(token[i])
                }
                i += width
            }
            return
        }
        foldValid(text, into: &out)
    }

    private static func foldValid(_ text: String, into out: inout OutputBuffer<UInt8>) {
        let folded = text.decomposedStringWithCanonicalMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
        out.append(contentsOf: folded.utf8)
    }
}
