import AssayCore
import Foundation

/// The name a client gave an upload, reduced to what may be part of a file name the server
/// chooses: ASCII letters, digits, `.`, `-` and `_` (anything else becomes `_`), no leading dot,
/// at most 80 characters with the extension kept. The client's name is never a path: the server
/// puts `{id}-{safe name}` under the contributor's modality folder.
public struct UploadName: Sendable, Equatable {
    /// The name as the client sent it (shown back to its contributor, escaped where it is shown).
    public let original: String
    /// The reduced name.
    public let safe: String
    /// The extension, lower case without the dot ("" when none).
    public let fileExtension: String

    /// Reduces `original` (its last path component only: `../../x.txt` is `x.txt`).
    public init(_ original: String) {
        self.original = original
        let last = original.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = last.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            let plain = (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                || value == 0x2D || value == 0x5F || value == 0x2E
            return plain ? Character(scalar) : "_"
        }
        while scalars.first == "." { scalars.removeFirst() }
        var safe = String(scalars)
        if safe.isEmpty { safe = "upload" }
        let ext = (safe as NSString).pathExtension
        if safe.count > 80 {
            let keep = ext.isEmpty || ext.count > 16 ? "" : "." + ext
            safe = String(safe.prefix(80 - keep.count)) + keep
        }
        self.safe = safe
        fileExtension = ext.count <= 16 ? ext.lowercased() : ""
    }

    /// The path the server stores an upload at, relative to the datanet's folder, in `layout`.
    public func storedPath(id: String, contributor: String, modality: Modality, layout: Layout) -> String {
        let file = id + "-" + safe
        return layout.modalityFirst ? "\(modality.rawValue)/\(contributor)/\(file)" : "\(contributor)/\(modality.rawValue)/\(file)"
    }
}
