import AssayCore
import Foundation

/// One datanet a server hosts: its name in URLs, the pipeline its config describes, and the
/// folder uploads are placed in (laid out as the config's layout says, as `assay run` walks it).
public struct HostedDatanet: Sendable {
    /// The name in `/datanets/{name}/files`: letters, digits, `-` and `_`.
    public let name: String
    /// The judging machinery of the datanet's config; its ledger is the datanet's ledger.
    public let pipeline: Pipeline
    /// The folder, an absolute real path.
    public let folder: String

    /// A hosted datanet.
    public init(name: String, pipeline: Pipeline, folder: String) {
        self.name = name
        self.pipeline = pipeline
        self.folder = folder
    }

    /// Where uploads wait until their second is closed: a hidden folder inside `folder`, so a
    /// rename places them (same file system) and walks never see them (dot folders are skipped).
    public var spool: String { folder + "/.assay-spool" }

    /// True when `name` may name a datanet in a URL.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }
}
