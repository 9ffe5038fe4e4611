import CSkeleton

/// A contributor's name as a person reads it: one person, one name.
///
/// Names are compared by their ``skeleton``: NFKC case folding, then the confusable skeleton of
/// Unicode TS #39 (ICU's spoof checker), so `alice`, `Alice`, `ALICE`, `аlice` (Cyrillic а) and
/// fullwidth `ａｌｉｃｅ` are one name. A name with a character nobody sees or types on purpose
/// (controls, format characters such as the zero-width space, default-ignorable, unassigned or
/// private-use code points, line separators, space at either end) has no skeleton: it is refused
/// (`intake.bad_contributor`), since two such names would look the same in every listing.
public struct ContributorName: Sendable, Hashable {
    /// The name as written (the folder's name or the manifest's `contributor`).
    public let name: String
    /// The TS #39 skeleton of the case-folded name: equal skeletons are the same person's name.
    public let skeleton: String

    /// The name judged, or the reason it cannot name a contributor.
    public static func judge(_ name: String) -> Result<ContributorName, Problem> {
        if let problem = problem(in: name) { return .failure(problem) }
        // A skeleton may be longer than its name (one character can map to three); the C side
        // says -1 rather than cut it short.
        let capacity = name.utf8.count * 18 + 64
        var out = [CChar](repeating: 0, count: capacity)
        // `problem(in:)` refused U+0000, so the C string is the whole name.
        let written = name.withCString { assay_skeleton($0, name.utf8.count, &out, capacity) }
        guard written >= 0 else { return .failure(Problem(message: "the name is too long or not a name ICU can compare", character: nil)) }
        let skeleton = String(decoding: out.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .success(ContributorName(name: name, skeleton: skeleton))
    }

    /// Why a name cannot name a contributor.
    public struct Problem: Error, Sendable, Equatable {
        /// One line for a person.
        public let message: String
        /// The offending character as `U+XXXX`, when one is to blame.
        public let character: String?
    }

    /// The first character that makes `name` unusable, described; nil for a usable name.
    static func problem(in name: String) -> Problem? {
        guard !name.isEmpty else { return Problem(message: "the name is empty", character: nil) }
        if let first = name.unicodeScalars.first, first.properties.isWhitespace {
            return Problem(message: "the name starts with a space", character: Self.code(first))
        }
        if let last = name.unicodeScalars.last, last.properties.isWhitespace {
            return Problem(message: "the name ends with a space", character: Self.code(last))
        }
        for scalar in name.unicodeScalars {
            let properties = scalar.properties
            let what: String?
            switch properties.generalCategory {
            case .control: what = "a control character"
            case .format: what = "an invisible format character"
            case .unassigned: what = "an unassigned code point"
            case .privateUse: what = "a private-use character"
            case .surrogate: what = "a surrogate"
            case .lineSeparator, .paragraphSeparator: what = "a line separator"
            default: what = properties.isDefaultIgnorableCodePoint ? "an invisible character" : nil
            }
            if let what {
                return Problem(message: "the name contains \(what) (\(Self.code(scalar)))", character: Self.code(scalar))
            }
        }
        return nil
    }

    private static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
