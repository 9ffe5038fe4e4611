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
    }

    /// The stage this index belongs to.
    public let stage: String
    private var documents: [Entry] = []
    private var idsByKey: [UInt64: [Int32]] = [:]
    private var pending: [Entry] = []

    /// An empty index for `stage`.
    public init(stage: String) {
        self.stage = stage
    }

    /// The number of indexed files.
    public var count: Int { documents.count }

    /// Indexed files filed under any of `keys`, each once, oldest first.
    public func entries(forKeys keys: [UInt64]) -> [Entry] {
        if keys.count == 1, let ids = idsByKey[keys[0]] { return ids.map { documents[Int($0)] } }
        var ids = Set<Int32>()
        for key in keys {
            for id in idsByKey[key] ?? [] { ids.insert(id) }
        }
        return ids.sorted().map { documents[Int($0)] }
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
        let id = Int32(documents.count)
        documents.append(entry)
        for key in Set(entry.keys) { idsByKey[key, default: []].append(id) }
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
        for entry in index.entries(forKeys: [key]) where entry.file.absolutePath != excluding {
            guard let other = Fingerprint(encoded: entry.fingerprint), fingerprint.isExactCopy(of: other) else { continue }
            return Match(file: entry.file, fingerprint: other)
        }
        return nil
    }

    /// Admitted files filed under any of `keys`, each once, oldest first.
    public func candidates(forKeys keys: [UInt64]) -> [Match] {
        index.entries(forKeys: keys).compactMap { entry in
            guard entry.file.absolutePath != excluding, let other = Fingerprint(encoded: entry.fingerprint) else { return nil }
            return Match(file: entry.file, fingerprint: other)
        }
    }
}
