import AssayKit

/// The JSON lines Assay writes to a plugin (docs/plugin-protocol.schema.json: `handshake_request`
/// and `file_request`).
enum PluginRequest {
    /// The protocol version Assay speaks.
    static let version = 1

    /// `{"assay": 1, "plugin": NAME, "options": {...}}`
    static func handshake(_ spec: PluginSpec) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"assay\":\(version),\"plugin\":")
        writer.string(spec.name)
        writer.raw(",\"options\":")
        writer.value(spec.options)
        writer.raw("}")
        return writer.bytes
    }

    /// `{"id": N, "path": ..., "submitted_path": ..., "modality": ..., "mime": ..., "sha256": ...,
    /// "bytes": N, "contributor": ...}`: `path` is the private copy of the bytes judged (the
    /// plugin reads that), `submitted_path` where the contributor's file is, for messages.
    static func file(_ input: FileInput, id: Int, path: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"id\":\(id),\"path\":")
        writer.string(path)
        writer.raw(",\"submitted_path\":")
        writer.string(input.submission.absolutePath)
        writer.raw(",\"modality\":")
        writer.string(input.modality.rawValue)
        writer.raw(",\"mime\":")
        writer.string(input.mime)
        writer.raw(",\"sha256\":")
        writer.string(input.sha256)
        writer.raw(",\"bytes\":\(input.bytes.count),\"contributor\":")
        writer.string(input.submission.contributor)
        writer.raw("}")
        return writer.bytes
    }
}
