/// One stateful stage's index of admitted files: each document is a path, a small payload
/// (a signature, a full hash) and a few 64-bit keys (LSH bands, truncated hashes) to find it by.
///
/// Used only on the decide thread. The runner loads it from the ledger before a run and writes
/// the changes in the same transaction as the verdicts that caused them, so a killed run never
/// leaves an index that disagrees with the verdicts.
public final class DuplicateIndex {
    /// An indexed document.
    public struct Entry: Sendable, Equatable {
        /// The path of the admitted file.
        public let path: String
        /// The stage's payload for it.
        public let payload: [UInt8]
    }

    /// A change not yet written to the ledger.
    public enum Change: Sendable, Equatable {
        /// A new document.
        case insert(path: String, keys: [UInt64], payload: [UInt8])
        /// A document removed because its path is judged again.
        case remove(path: String)
    }

    /// The stage this index belongs to.
    public let stage: String
    private var documents: [Entry?] = []
    private var documentKeys: [[UInt64]] = []
    private var idsByKey: [UInt64: [Int32]] = [:]
    private var idByPath: [String: Int32] = [:]
    private var pending: [Change] = []

    /// An empty index for `stage`.
    public init(stage: String) {
        self.stage = stage
    }

    /// The number of live documents.
    public var count: Int { idByPath.count }

    /// Live documents filed under `key`, oldest first.
    public func entries(forKey key: UInt64) -> [Entry] {
        (idsByKey[key] ?? []).compactMap { documents[Int($0)] }
    }

    /// Live documents filed under any of `keys`, each once, oldest first.
    public func candidates(forKeys keys: [UInt64]) -> [Entry] {
        var ids = Set<Int32>()
        for key in keys {
            for id in idsByKey[key] ?? [] { ids.insert(id) }
        }
        return ids.sorted().compactMap { documents[Int($0)] }
    }

    /// Adds an admitted file; replaces an earlier document at the same path.
    public func insert(path: String, keys: [UInt64], payload: [UInt8]) {
        place(path: path, keys: keys, payload: payload)
        pending.append(.insert(path: path, keys: keys, payload: payload))
    }

    /// Drops the document at `path`, if any (the file is being judged again). The removal is
    /// recorded even when the document was not loaded, so the ledger drops it too.
    public func remove(path: String) {
        unplace(path: path)
        pending.append(.remove(path: path))
    }

    /// Adds a document read back from the ledger (not a pending change).
    public func load(path: String, keys: [UInt64], payload: [UInt8]) {
        place(path: path, keys: keys, payload: payload)
    }

    /// Hands over the changes since the last call, for the ledger.
    public func takeChanges() -> [Change] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    private func place(path: String, keys: [UInt64], payload: [UInt8]) {
        unplace(path: path)
        let id = Int32(documents.count)
        documents.append(Entry(path: path, payload: payload))
        documentKeys.append(keys)
        idByPath[path] = id
        for key in Set(keys) { idsByKey[key, default: []].append(id) }
    }

    @discardableResult
    private func unplace(path: String) -> Bool {
        guard let id = idByPath.removeValue(forKey: path) else { return false }
        documents[Int(id)] = nil
        for key in Set(documentKeys[Int(id)]) {
            idsByKey[key]?.removeAll { $0 == id }
            if idsByKey[key]?.isEmpty == true { idsByKey[key] = nil }
        }
        documentKeys[Int(id)] = []
        return true
    }
}
