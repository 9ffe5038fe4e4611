#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a submission folder depth first through directory descriptors (`openat`, `fdopendir`,
/// `fstatat` without following links), with names as bytes, streaming each file to a callback so
/// memory does not grow with the number of files.
///
/// Every file found gets a ``DiscoveredFile``: a name that is not UTF-8 is refused
/// (`intake.bad_name`, its invalid bytes written `\xFF`), and so is a path longer than `PATH_MAX`
/// (`intake.path_too_long`). Hidden names are skipped, linked directories are not entered, and
/// files above the layout's depth (a README, the config, the ledger) are not submissions.
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
        let fd = open(realRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DiscoveryError("\(root): cannot open the folder: \(String(cString: strerror(errno)))") }
        try walk(directory: fd, components: [], valid: true, realRoot: realRoot, emit)
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

    /// Walks the directory open at `fd` (and closes it).
    private func walk(directory fd: Int32, components: [String], valid: Bool, realRoot: String,
                      _ emit: (DiscoveredFile) throws -> Void) throws {
        guard let handle = fdopendir(fd) else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw DiscoveryError("\(realRoot)/\(components.joined(separator: "/")): cannot read the folder: \(reason)")
        }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names {
            let (text, nameValid) = Self.text(of: name)
            let here = components + [text]
            let relative = here.joined(separator: "/")
            let path = realRoot + "/" + relative
            var info = stat()
            let cName = name.map { CChar(bitPattern: $0) } + [0]
            guard fstatat(fd, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                let child = openat(fd, cName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else {
                    // Gone since it was listed: nothing to walk. Unreadable: the run must not take
                    // its files for deleted.
                    if errno == ENOENT { continue }
                    throw DiscoveryError("\(path): cannot read the folder: \(String(cString: strerror(errno)))")
                }
                try walk(directory: child, components: here, valid: valid && nameValid, realRoot: realRoot, emit)
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
            } else if path.utf8.count >= Int(PATH_MAX) {
                file = DiscoveredFile(submission: Submission(root: realRoot, path: relative, absolutePath: path, contributor: place.contributor,
                                                             modalityName: place.modality, submittedAt: 0, bytes: Int64(info.st_size)))
                file.refusal = Reason(CoreReasons.pathTooLong, stage: "intake",
                                      message: "the path is \(path.utf8.count) bytes long, at or over PATH_MAX (\(PATH_MAX))",
                                      value: .number(Double(path.utf8.count)), limit: .number(Double(PATH_MAX)))
            } else {
                file = rules.examine(path: path, relative: relative, contributor: place.contributor, modality: place.modality, realRoot: realRoot)
            }
            try emit(file)
        }
    }
}
