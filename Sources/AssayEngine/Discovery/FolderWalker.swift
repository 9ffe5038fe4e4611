#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a submission folder depth first without recursion and with one directory descriptor
/// open at a time (`openat` from the root's descriptor, then `fstat` checked against the device
/// and inode the parent's listing gave, so a folder swapped for a link mid-walk is not entered),
/// `fstatat` without following links, names as bytes, streaming each file to a callback so
/// memory does not grow with the number of files.
///
/// Every file found gets a ``DiscoveredFile``: a name that is not UTF-8 is refused
/// (`intake.bad_name`, its invalid bytes written `\xFF`), and so is a path longer than `PATH_MAX`
/// (`intake.path_too_long`). Hidden names are skipped, linked directories are not entered, and
/// files above the layout's depth (a README, the config, the ledger) are not submissions. A folder
/// more than ``maxDepth`` levels below the root is not entered: it is one refused entry
/// (`intake.too_deep`) under its own path. A sub-folder that cannot be read (permissions) does
/// not stop the walk: it is reported in ``WalkResult/unreadable`` and the ledger keeps what it
/// knew of it. Only an unreadable root fails.
public struct FolderWalker: Sendable {
    let layout: Layout
    let rules: IntakeRules
    /// Folder levels below the root that are walked; deeper folders are refused whole.
    let maxDepth: Int

    /// Folder levels below the root walked by default: a CONTRIBUTOR/MODALITY layout leaves 30
    /// levels of a contributor's own folders, far more than any real collection uses.
    public static let defaultMaxDepth = 32

    /// A walker for `layout` that refuses files above `maxFileBytes` without reading them and
    /// folders more than `maxDepth` levels below the root.
    public init(layout: Layout, maxFileBytes: Int64, maxDepth: Int = FolderWalker.defaultMaxDepth) {
        self.layout = layout
        self.rules = IntakeRules(maxFileBytes: maxFileBytes)
        self.maxDepth = maxDepth
    }

    /// What a walk could not see.
    public struct WalkResult: Sendable, Equatable {
        /// Sub-folders that could not be read: their files were not listed.
        public var unreadable: [UnreadableFolder] = []
        /// No folder left out yet.
        public init() {}
    }

    /// A folder waiting to be walked: where it is and what its parent's listing said it is.
    private struct PendingFolder {
        let components: [String]
        /// The path from the root as bytes (names joined by `/`), for `openat`.
        let relativeBytes: [UInt8]
        let valid: Bool
        let device: UInt64
        let inode: UInt64
    }

    /// Calls `emit` for every submission under `root`; throws only when `root` itself cannot
    /// be read.
    @discardableResult
    public func walk(root: String, _ emit: (DiscoveredFile) throws -> Void) throws -> WalkResult {
        guard let realRoot = FileStatus.realPath(root), FileStatus(path: realRoot, followLinks: true)?.kind == .directory else {
            throw DiscoveryError("\(root): not a folder")
        }
        let rootFD = open(realRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { throw DiscoveryError("\(root): cannot open the folder: \(String(cString: strerror(errno)))") }
        defer { close(rootFD) }
        var result = WalkResult()
        var pending: [PendingFolder] = []
        let top = dup(rootFD)
        guard top >= 0 else { throw DiscoveryError("\(root): cannot open the folder: \(String(cString: strerror(errno)))") }
        do {
            try list(directory: top, components: [], relativeBytes: [], valid: true, realRoot: realRoot, into: &pending, emit)
        } catch let failure as ListFailure {
            throw DiscoveryError("\(root): cannot read the folder: \(failure.problem)")
        }
        while let folder = pending.popLast() {
            let relative = folder.components.joined(separator: "/")
            let fd = folder.relativeBytes.withUnsafeBufferPointer { bytes -> Int32 in
                let cPath = bytes.map { CChar(bitPattern: $0) } + [0]
                return openat(rootFD, cPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard fd >= 0 else {
                // Gone since it was listed: nothing to walk. Unreadable: its files are not gone.
                if errno == ENOENT { continue }
                result.unreadable.append(UnreadableFolder(root: realRoot, path: relative, problem: String(cString: strerror(errno))))
                continue
            }
            var info = stat()
            guard fstat(fd, &info) == 0, UInt64(info.st_dev) == folder.device, UInt64(info.st_ino) == folder.inode else {
                // Swapped (for a link, or another folder) between the listing and the open.
                close(fd)
                result.unreadable.append(UnreadableFolder(root: realRoot, path: relative, problem: "the folder changed while it was being walked"))
                continue
            }
            do {
                try list(directory: fd, components: folder.components, relativeBytes: folder.relativeBytes, valid: folder.valid,
                         realRoot: realRoot, into: &pending, emit)
            } catch let failure as ListFailure {
                result.unreadable.append(UnreadableFolder(root: realRoot, path: relative, problem: failure.problem))
            }
        }
        return result
    }

    /// The ``DiscoveredFile`` of the one file at `relative` under `root` (a real path), judged as a
    /// walk judges it; nil when it is no submission (the layout does not place it, or it lies in a
    /// folder deeper than ``maxDepth``, which a walk refuses whole). For a caller that knows exactly
    /// which files are new in a folder only it writes to (`assay serve`), so that a run need not
    /// walk the whole folder; `relative` must be valid UTF-8 (it is a `String`).
    public func examine(root: String, relative: String) -> DiscoveredFile? {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count <= maxDepth + 1, let place = layout.place(of: components) else { return nil }
        let path = root + "/" + relative
        return examine(path: path, relative: relative, place: place, realRoot: root,
                       bytes: FileStatus(path: path, followLinks: false)?.size ?? 0)
    }

    /// A file whose name is valid: refused when its path is at or over `PATH_MAX`, else judged by the intake rules.
    private func examine(path: String, relative: String, place: (contributor: String, modality: String), realRoot: String,
                         bytes: Int64) -> DiscoveredFile {
        guard path.utf8.count >= Int(PATH_MAX) else {
            return rules.examine(path: path, relative: relative, contributor: place.contributor, modality: place.modality, realRoot: realRoot)
        }
        var file = DiscoveredFile(submission: Submission(root: realRoot, path: relative, absolutePath: path, contributor: place.contributor,
                                                         modalityName: place.modality, submittedAt: 0, bytes: bytes))
        file.refusal = Reason(CoreReasons.pathTooLong, stage: "intake",
                              message: "the path is \(path.utf8.count) bytes long, at or over PATH_MAX (\(PATH_MAX))",
                              value: .number(Double(path.utf8.count)), limit: .number(Double(PATH_MAX)))
        return file
    }

    /// Why a folder's entries could not be listed.
    private struct ListFailure: Error {
        let problem: String
    }

    /// A name as text: UTF-8 as is, or with each byte that is not part of valid UTF-8 written `\xFF`.
    static func text(of name: [UInt8]) -> (text: String, valid: Bool) {
        if let valid = String(validating: name, as: UTF8.self) { return (valid, true) }
        var text = ""
        var rest = name[...]
        while !rest.isEmpty {
            // The longest valid prefix, then one escaped byte.
            var end = rest.endIndex
            while end > rest.startIndex, String(validating: rest[rest.startIndex..<end], as: UTF8.self) == nil { end -= 1 }
            if end > rest.startIndex {
                text += String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
                rest = rest[end...]
            } else {
                let byte = rest[rest.startIndex]
                let digits = Array("0123456789ABCDEF")
                text += "\\x" + String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
                rest = rest.dropFirst()
            }
        }
        return (text, false)
    }

    /// Lists the directory open at `fd` (and closes it): emits its files and queues its
    /// sub-folders on `pending` (last popped first, so the walk stays in name order).
    private func list(directory fd: Int32, components: [String], relativeBytes: [UInt8], valid: Bool, realRoot: String,
                      into pending: inout [PendingFolder], _ emit: (DiscoveredFile) throws -> Void) throws {
        guard let handle = fdopendir(fd) else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ListFailure(problem: reason)
        }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        errno = 0
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        if errno != 0 { throw ListFailure(problem: String(cString: strerror(errno))) }
        names.sort { $0.lexicographicallyPrecedes($1) }
        var folders: [PendingFolder] = []
        for name in names {
            let (text, nameValid) = Self.text(of: name)
            let here = components + [text]
            let relative = here.joined(separator: "/")
            let path = realRoot + "/" + relative
            var info = stat()
            let cName = name.map { CChar(bitPattern: $0) } + [0]
            guard fstatat(dirfd(handle), cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                // Gone since the listing: nothing there. Not examinable (a folder readable but not
                // searchable): the folder is unreadable, and its files are not gone.
                if errno == ENOENT { continue }
                throw ListFailure(problem: "cannot examine its entries: \(String(cString: strerror(errno)))")
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                if here.count > maxDepth || path.utf8.count >= Int(PATH_MAX) {
                    // Named as the folder, so the contributor learns where: its files are not listed.
                    if let place = layout.place(of: here.map { Substring($0) }) {
                        let file = DiscoveredFile(
                            submission: Submission(root: realRoot, path: relative, absolutePath: path, contributor: place.contributor,
                                                   modalityName: place.modality,
                                                   submittedAt: min(max(Int64(info.st_mtim.tv_sec), RFC3339.earliest), RFC3339.latest),
                                                   bytes: 0, stat: FileStatus.signature(of: info)),
                            refusal: here.count > maxDepth
                                ? Reason(CoreReasons.tooDeep, stage: "intake",
                                         message: "the folder is \(here.count) levels below the datanet folder, deeper than the \(maxDepth) walked: its files were not read; move them up",
                                         value: .number(Double(here.count)), limit: .number(Double(maxDepth)))
                                : Reason(CoreReasons.pathTooLong, stage: "intake",
                                         message: "the folder's path is \(path.utf8.count) bytes long, at or over PATH_MAX (\(PATH_MAX)): its files were not read",
                                         value: .number(Double(path.utf8.count)), limit: .number(Double(PATH_MAX))))
                        try emit(file)
                    }
                    continue
                }
                folders.append(PendingFolder(components: here, relativeBytes: relativeBytes.isEmpty ? name : relativeBytes + [0x2F] + name,
                                             valid: valid && nameValid,
                                             device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
                continue
            }
            if kind == S_IFLNK, valid && nameValid, FileStatus(path: path, followLinks: true)?.kind == .directory,
               let target = FileStatus.realPath(path), target.hasPrefix(realRoot + "/") {
                // A link to a folder inside the root: that folder is walked anyway.
                continue
            }
            guard let place = layout.place(of: here.map { Substring($0) }) else { continue }
            var file: DiscoveredFile
            if !(valid && nameValid) {
                file = DiscoveredFile(submission: Submission(root: realRoot, path: relative, absolutePath: path, contributor: place.contributor,
                                                             modalityName: place.modality, submittedAt: 0, bytes: Int64(info.st_size)))
                file.refusal = Reason(CoreReasons.badName, stage: "intake",
                                      message: "the path is not valid UTF-8 (the bytes that are not are shown as \\xNN)", value: .text(relative))
            } else {
                file = examine(path: path, relative: relative, place: place, realRoot: realRoot, bytes: Int64(info.st_size))
            }
            try emit(file)
        }
        pending += folders.reversed()
    }
}
