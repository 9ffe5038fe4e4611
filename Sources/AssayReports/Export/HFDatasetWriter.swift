import AssayCore
import DocumentText
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the `hf` export: one folder per modality that Hugging Face `datasets` loads with no
/// code (`load_dataset("OUT/image")`):
///
/// - `text/train.jsonl`: one `{"text", "contributor", "path", "sha256", "submitted_at", metrics…}`
///   object per document; a PDF or DOCX is its extracted text, `path` and `sha256` the document's;
/// - `image/train/` and `audio/train/`: read-only copies of the files (reflinks where the file
///   system has them; hard links only with `link`, since a link is the contributor's inode and
///   their later writes would change the dataset), each copy checked against the SHA-256 judged,
///   named `<identity hash>-<its name>` (see ``exportName(of:)``), beside a `metadata.jsonl`
///   whose `file_name` names each;
/// - `README.md`: the dataset card (``DatasetCard``).
///
/// Every row of one modality has the same columns: the metric columns are the union over the
/// exported files, written as floats or null, so that Arrow infers one schema for the whole file.
/// The folder is the export's own (a `.assay-export` file marks it): a file it holds that this
/// export does not write is removed, so exporting twice gives the same folder.
final class HFDatasetWriter {
    static let marker = ".assay-export"
    static let markerText = "assay export --format hf, layout 2\n"

    private let folder: String
    private let metricColumns: [Modality: [String]]
    /// Hard-link files instead of copying them (`export --link`).
    private let link: Bool
    private var streams: [Modality: LineSink] = [:]
    private var placed: [Modality: Set<String>] = [:]

    /// Prepares `folder`: creates it, or takes it over when it is empty or an earlier export.
    init(folder: String, metricColumns: [Modality: [String]], link: Bool = false) throws(ExportError) {
        self.folder = folder
        self.metricColumns = metricColumns
        self.link = link
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ExportError("\(folder): exists and is not a folder") }
            let entries: [String]
            do {
                entries = try manager.contentsOfDirectory(atPath: folder)
            } catch {
                throw ExportError("\(folder): cannot list the folder: \(error.localizedDescription)")
            }
            guard entries.isEmpty || entries.contains(Self.marker) else {
                throw ExportError("\(folder): not empty and not an earlier export (no \(Self.marker) in it); choose an empty or new folder")
            }
        }
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(Self.markerText.utf8).write(to: URL(fileURLWithPath: folder + "/" + Self.marker))
        } catch {
            throw ExportError("\(folder): cannot create the export folder: \(error.localizedDescription)")
        }
    }

    /// Adds one accepted file, copied (or linked) from `source`. Returns false, adding nothing,
    /// when the bytes read now are not the bytes judged.
    func add(_ file: AcceptedFile, modality: Modality, source: SourceFile) throws(ExportError) -> Bool {
        let verdict = file.verdict
        var writer = JSONWriter()
        writer.raw("{")
        switch modality {
        case .text:
            let bytes = try source.bytes()
            guard ContentHash.sha256(bytes) == verdict.sha256 else { return false }
            // A PDF or DOCX is written as the text it was judged by; `path` names the document.
            let text: [UInt8]
            do throws(DocumentProblem) {
                text = try DocumentExport.text(of: bytes, mime: verdict.mime, seconds: 300)
            } catch {
                throw ExportError("\(verdict.path): cannot extract its text again: \(error.message)")
            }
            writer.raw("\"text\":")
            writer.string(Self.decodeText(text))
        case .image, .audio:
            let name = Self.exportName(of: verdict)
            guard try place(source, named: name, modality: modality, sha256: verdict.sha256) else { return false }
            writer.raw("\"file_name\":")
            writer.string(name)
        }
        for (key, value) in [("contributor", verdict.contributor), ("path", verdict.path), ("sha256", verdict.sha256 ?? ""),
                             ("submitted_at", RFC3339.format(verdict.submittedAt))] {
            writer.raw(",")
            writer.string(key)
            writer.raw(":")
            writer.string(value)
        }
        for metric in metricColumns[modality] ?? [] {
            writer.raw(",")
            writer.string(metric)
            writer.raw(":")
            writer.raw(verdict.metrics[metric].map(Self.float) ?? "null")
        }
        writer.raw("}")
        let sink = try stream(for: modality)
        do {
            try sink.write(line: writer.string)
        } catch {
            throw ExportError("\(listingPath(modality)): cannot write: \(error)")
        }
        return true
    }

    /// Moves the listings into place, writes the card and removes what an earlier export left
    /// that this one did not write.
    func finish(card: String) throws(ExportError) {
        for modality in Modality.allCases {
            let final = listingPath(modality)
            if let sink = streams[modality] {
                do {
                    try sink.finish()
                } catch {
                    throw ExportError("\(final): cannot write: \(error)")
                }
                guard rename(final + ".partial", final) == 0 else {
                    throw ExportError("\(final): cannot move into place: \(String(cString: strerror(errno)))")
                }
            }
            removeLeftovers(of: modality)
        }
        do {
            try Data(card.utf8).write(to: URL(fileURLWithPath: folder + "/README.md"), options: .atomic)
        } catch {
            throw ExportError("\(folder)/README.md: cannot write the dataset card: \(error.localizedDescription)")
        }
    }

    /// The folder `datasets` reads for `modality`: `text` for the jsonl, `<modality>/train` for files.
    func trainFolder(_ modality: Modality) -> String {
        modality == .text ? folder + "/text" : folder + "/\(modality.rawValue)/train"
    }

    private func listingPath(_ modality: Modality) -> String {
        modality == .text ? trainFolder(.text) + "/train.jsonl" : trainFolder(modality) + "/metadata.jsonl"
    }

    private func stream(for modality: Modality) throws(ExportError) -> LineSink {
        if let sink = streams[modality] { return sink }
        // Files are linked into, and removed from, these folders: one that is a symbolic link
        // would point both somewhere else.
        for path in [folder + "/" + modality.rawValue, trainFolder(modality)] where FileStatus(path: path, followLinks: false)?.kind == .symlink {
            throw ExportError("\(path): a symbolic link inside the export folder; remove it, the export writes real folders")
        }
        do {
            try FileManager.default.createDirectory(atPath: trainFolder(modality), withIntermediateDirectories: true)
        } catch {
            throw ExportError("\(trainFolder(modality)): cannot create: \(error.localizedDescription)")
        }
        let sink: LineSink
        do {
            sink = try LineSink.file(listingPath(modality) + ".partial")
        } catch {
            throw ExportError(error.message)
        }
        streams[modality] = sink
        return sink
    }

    /// Copies (or links) `source` to `name`, keeping what an earlier export put there when it is
    /// the same (the same inode when linking; a read-only copy with the judged content when
    /// copying). False when the content is no longer the judged one.
    private func place(_ source: SourceFile, named name: String, modality: Modality, sha256: String?) throws(ExportError) -> Bool {
        _ = try stream(for: modality)
        let destination = trainFolder(modality) + "/" + name
        var info = stat()
        if lstat(destination, &info) == 0 {
            let sameInode = UInt64(info.st_dev) == source.device && UInt64(info.st_ino) == source.inode
            if link && sameInode {
                placed[modality, default: []].insert(name)
                return true
            }
            if !link, !sameInode, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o222 == 0, Int64(info.st_size) == source.size,
               let sha256, let existing = try? SourceFile.sha256(of: destination), existing == sha256 {
                placed[modality, default: []].insert(name)
                return true
            }
            guard unlink(destination) == 0 else {
                throw ExportError("\(destination): cannot replace: \(String(cString: strerror(errno)))")
            }
        }
        let linked = link && source.link(at: destination)
        if !linked {
            guard try source.copy(to: destination, expecting: sha256) else { return false }
        }
        placed[modality, default: []].insert(name)
        return true
    }

    private func removeLeftovers(of modality: Modality) {
        guard FileStatus(path: trainFolder(modality), followLinks: false)?.kind == .directory,
              FileStatus(path: folder + "/" + modality.rawValue, followLinks: false)?.kind != .symlink else { return }
        let keep = placed[modality] ?? []
        let listing = (listingPath(modality) as NSString).lastPathComponent
        let train = trainFolder(modality)
        let written = streams[modality] != nil
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: train)) ?? [] where !keep.contains(entry) {
            if !(written && entry == listing) { unlink(train + "/" + entry) }
        }
        if !written {
            rmdir(train)
            if modality != .text { rmdir(folder + "/\(modality.rawValue)") }
        }
    }

    /// `<SHA-256(root, NUL, path) in hex>-<file name>`: the whole hash, so no search finds two
    /// files with one name (12 hex digits fell to a 48-bit collision search in 40 s); the same
    /// every export. The name keeps letters, digits, `.`, `-` and `_` (anything else becomes
    /// `_`: a backslash, a newline or a `%` broke `datasets`' folder loaders) and fits the 255
    /// bytes a file name may hold, cut on a character boundary, keeping its extension, which
    /// `datasets` reads the type from.
    static func exportName(of verdict: Verdict) -> String {
        let identity = ContentHash.sha256(Array(verdict.root.utf8) + [0] + Array(verdict.path.utf8))
        var name = ""
        for character in (verdict.path as NSString).lastPathComponent {
            let safe = character.isLetter || character.isNumber || character == "." || character == "-" || character == "_"
            name.append(safe && !character.unicodeScalars.contains { $0.properties.generalCategory == .format } ? character : "_")
        }
        let room = 255 - identity.utf8.count - 1
        guard name.utf8.count > room else { return identity + "-" + name }
        let ext = (name as NSString).pathExtension
        let suffix = ext.isEmpty || ext.utf8.count > 16 ? "" : "." + ext
        var stem = ""
        for character in name.dropLast(suffix.count) {
            guard stem.utf8.count + String(character).utf8.count + suffix.utf8.count <= room else { break }
            stem.append(character)
        }
        return identity + "-" + stem + suffix
    }

    /// A metric as a JSON float (`64.0`, not `64`), so a column never mixes integers and floats.
    static func float(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = JSONWriter.format(value)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// Text as a string: UTF-8 with a leading byte-order mark dropped; bytes that are not UTF-8
    /// (an encoding the config allowed) become U+FFFD.
    static func decodeText(_ bytes: [UInt8]) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(decoding: body, as: UTF8.self)
    }
}
