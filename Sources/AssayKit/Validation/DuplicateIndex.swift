/// One stateful stage's index of admitted files: each is a file, its encoded fingerprint and the
/// 64-bit keys it is filed under (exact-copy key, LSH bands, hash blocks).
///
/// Used only on the decide thread, in canonical order. Built at the start of a run from the
/// entries of files before the replay point, then grown by ``admit(_:key:fingerprint:)``; the
/// runner writes new entries in the same transaction as the verdicts that caused them.
public final class DuplicateIndex {
    /// An indexed file.
    public struct Entry: Sendable, Equatable {
        /// The admitted file.
        public let file: FileRef
        /// Its place in canonical order.
        public let key: CanonicalKey
        /// The keys it is filed under.
        public let keys: [UInt64]
        /// Its encoded fingerprint.
        public let fingerprint: [UInt8]

        /// An admitted file as the ledger stores it.
        public init(file: FileRef, key: CanonicalKey, keys: [UInt64], fingerprint: [UInt8]) {
            self.file = file
            self.key = key
            self.keys = keys
            self.fingerprint = fingerprint
        }
    }

    /// The stage this index belongs to.
    public let stage: String
    // Each indexed file is a document number; what decide needs of it is kept flat, column by
    // column (no per-file arrays or CanonicalKeys): Benchmarks/scale.sh's peak memory grew by
    // 1,151 bytes per added text file with these columns, by 2,069 with an Entry per file.
    /// Relative path of each document.
    private var paths: [String] = []
    /// Each document's root, by number in `roots` (a datanet has few roots).
    private var rootNumbers: [UInt32] = []
    private var roots: [String] = []
    private var rootNumber: [String: UInt32] = [:]
    /// Every document's encoded fingerprint, end to end; document d's starts at
    /// `fingerprintStarts[d]` and ends where d + 1's starts.
    private var fingerprintBytes: [UInt8] = []
    private var fingerprintStarts: [Int] = [0]
    private var documentsByKey = KeyMultimap()
    private var pending: [Entry] = []

    /// An empty index for `stage`.
    public init(stage: String) {
        self.stage = stage
    }

    /// The number of indexed files.
    public var count: Int { paths.count }

    /// Indexed files filed under any of `keys`, each once, oldest first, with their encoded
    /// fingerprints.
    public func files(forKeys keys: [UInt64]) -> [(file: FileRef, fingerprint: ArraySlice<UInt8>)] {
        var found: [Int32] = []
        for key in keys {
            documentsByKey.forEachDocument(filedUnder: key) { found.append($0) }
        }
        found.sort()
        var result: [(file: FileRef, fingerprint: ArraySlice<UInt8>)] = []
        result.reserveCapacity(found.count)
        var previous: Int32 = -1
        for document in found where document != previous {
            previous = document
            let index = Int(document)
            result.append((FileRef(root: roots[Int(rootNumbers[index])], path: paths[index]),
                           fingerprintBytes[fingerprintStarts[index]..<fingerprintStarts[index + 1]]))
        }
        return result
    }

    /// Files an admitted file under its fingerprint's ``StageFingerprint/indexKeys``; a change
    /// the ledger has not recorded yet. Files must be admitted in canonical order.
    public func admit(_ file: FileRef, key: CanonicalKey, fingerprint: any StageFingerprint) {
        let entry = Entry(file: file, key: key, keys: fingerprint.indexKeys, fingerprint: fingerprint.encoded)
        place(entry)
        pending.append(entry)
    }

    /// Files an accepted verdict's fingerprint, at the verdict's place in canonical order.
    public func admit(_ verdict: Verdict, fingerprint: any StageFingerprint) {
        admit(verdict.file, key: CanonicalKey(submittedAt: verdict.submittedAt, path: verdict.path, root: verdict.root), fingerprint: fingerprint)
    }

    /// Adds an entry read back from the ledger (not a pending change). Entries must come in
    /// canonical order, as admissions do.
    public func load(_ entry: Entry) {
        place(entry)
    }

    /// Hands over the entries admitted since the last call, for the ledger.
    public func takeChanges() -> [Entry] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    private func place(_ entry: Entry) {
        let document = Int32(paths.count)
        paths.append(entry.file.path)
        if let number = rootNumber[entry.file.root] {
            rootNumbers.append(number)
        } else {
            let number = UInt32(roots.count)
            roots.append(entry.file.root)
            rootNumber[entry.file.root] = number
            rootNumbers.append(number)
        }
        fingerprintBytes.append(contentsOf: entry.fingerprint)
        fingerprintStarts.append(fingerprintBytes.count)
        for key in Set(entry.keys) { documentsByKey.insert(key, document: document) }
    }
}

/// A read-only view of a stage's admitted files with their decoded fingerprints: what `decide`
/// may look at. Everything in it comes before the file being decided in canonical order.
public struct AdmittedFiles<Fingerprint: StageFingerprint> {
    /// An admitted file with its fingerprint.
    public struct Match {
        /// The earlier file.
        public let file: FileRef
        /// Its fingerprint.
        public let fingerprint: Fingerprint
    }

    private let index: DuplicateIndex
    private let excluding: String?

    /// A view of `index`; `excluding` (an absolute path) leaves out one file: `assay check` on a
    /// file the ledger already holds must not find it a copy of itself.
    init(index: DuplicateIndex, excluding: String?) {
        self.index = index
        self.excluding = excluding
    }

    /// The earliest admitted file that `fingerprint` exactly copies, found by its exact key and
    /// confirmed by ``StageFingerprint/isExactCopy(of:)``.
    public func exactCopy(of fingerprint: Fingerprint) -> Match? {
        guard let key = fingerprint.exactKey else { return nil }
        for entry in index.files(forKeys: [key]) where entry.file.absolutePath != excluding {
            guard let other = Fingerprint(encoded: Array(entry.fingerprint)), fingerprint.isExactCopy(of: other) else { continue }
            return Match(file: entry.file, fingerprint: other)
        }
        return nil
    }

    /// Admitted files filed under any of `keys`, each once, oldest first.
    public func candidates(forKeys keys: [UInt64]) -> [Match] {
        index.files(forKeys: keys).compactMap { entry in
            guard entry.file.absolutePath != excluding, let other = Fingerprint(encoded: Array(entry.fingerprint)) else { return nil }
            return Match(file: entry.file, fingerprint: other)
        }
    }
}
