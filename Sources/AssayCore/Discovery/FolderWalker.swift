#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a submission folder depth first with `opendir`/`readdir`, streaming each file to a
/// callback so memory does not grow with the number of files. Hidden names are skipped, linked
/// directories are not followed (their targets inside the root are walked anyway), and files
/// above the layout's depth (a README, the config, the ledger) are not submissions.
public struct FolderWalker: Sendable {
    let layout: Layout
    let rules: IntakeRules

    /// A walker for `layout` that refuses files above `maxFileBytes` without reading them.
    public init(layout: Layout, maxFileBytes: Int64) {
        self.layout = layout
        self.rules = IntakeRules(maxFileBytes: maxFileBytes)
    }

    /// Calls `emit` for every submission under `root`.
    public func walk(root: String, _ emit: (DiscoveredFile) throws -> Void) throws {
        guard let realRoot = FileStatus.realPath(root), FileStatus(path: realRoot, followLinks: true)?.kind == .directory else {
            throw DiscoveryError("\(root): not a folder")
        }
        try walk(directory: realRoot, components: [], realRoot: realRoot, emit)
    }

    private func walk(directory: String, components: [Substring], realRoot: String, _ emit: (DiscoveredFile) throws -> Void) throws {
        guard let handle = opendir(directory) else { return }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(handle)
        for name in names.sorted() {
            let path = directory + "/" + name
            let here = components + [Substring(name)]
            guard let status = FileStatus(path: path, followLinks: false) else { continue }
            if status.kind == .directory {
                try walk(directory: path, components: here, realRoot: realRoot, emit)
                continue
            }
            if status.kind == .symlink, FileStatus(path: path, followLinks: true)?.kind == .directory,
               let target = FileStatus.realPath(path), target.hasPrefix(realRoot + "/") {
                continue
            }
            guard let place = layout.place(of: here) else { continue }
            try emit(rules.examine(path: path, relative: here.joined(separator: "/"), contributor: place.contributor,
                                   modality: place.modality, realRoot: realRoot))
        }
    }
}
