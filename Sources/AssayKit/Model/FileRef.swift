/// A file's identity: the folder it was found under (absolute, links resolved) and its path
/// relative to that folder. Compared byte for byte, never by Unicode equivalence.
public struct FileRef: Sendable, Hashable, Codable {
    /// The folder given, as an absolute real path.
    public var root: String
    /// The path relative to `root`.
    public var path: String

    /// Creates a reference.
    public init(root: String, path: String) {
        self.root = root
        self.path = path
    }

    /// `root/path`; `path` itself when it is absolute (`assay check` keeps the paths it was given).
    public var absolutePath: String {
        if path.hasPrefix("/") { return path }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }

    /// Byte-wise equality (Swift's `==` on strings treats canonically equivalent texts as equal).
    public static func == (lhs: FileRef, rhs: FileRef) -> Bool {
        lhs.root.utf8.elementsEqual(rhs.root.utf8) && lhs.path.utf8.elementsEqual(rhs.path.utf8)
    }

    /// Hashes the bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(root.utf8.count)
        for byte in root.utf8 { hasher.combine(byte) }
        for byte in path.utf8 { hasher.combine(byte) }
    }
}

/// A file's place in canonical order: submission time, then relative path, then root, each path
/// compared as bytes (as SQLite's BINARY collation does). "First seen" always means first here.
public struct CanonicalKey: Sendable, Hashable, Comparable {
    /// Seconds since 1970 UTC.
    public var submittedAt: Int64
    /// Path relative to the root.
    public var path: String
    /// The root folder.
    public var root: String

    /// Creates a key.
    public init(submittedAt: Int64, path: String, root: String) {
        self.submittedAt = submittedAt
        self.path = path
        self.root = root
    }

    /// Before every file.
    public static let start = CanonicalKey(submittedAt: Int64.min, path: "", root: "")

    /// Byte-wise order, as the ledger sorts.
    public static func < (lhs: CanonicalKey, rhs: CanonicalKey) -> Bool {
        if lhs.submittedAt != rhs.submittedAt { return lhs.submittedAt < rhs.submittedAt }
        if !lhs.path.utf8.elementsEqual(rhs.path.utf8) { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        return lhs.root.utf8.lexicographicallyPrecedes(rhs.root.utf8)
    }

    /// Byte-wise equality.
    public static func == (lhs: CanonicalKey, rhs: CanonicalKey) -> Bool {
        lhs.submittedAt == rhs.submittedAt && lhs.path.utf8.elementsEqual(rhs.path.utf8) && lhs.root.utf8.elementsEqual(rhs.root.utf8)
    }

    /// Hashes the bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(submittedAt)
        for byte in path.utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)
        for byte in root.utf8 { hasher.combine(byte) }
    }
}
