/// Walks the metadata blocks at the start of a FLAC stream and reports the first violation of the
/// format that libFLAC (and so libsndfile) tolerates but other decoders may not: STREAMINFO missing
/// or not first, a block length that runs past the file or does not end where the first audio
/// frame starts, a Vorbis comment whose counts overrun its block. Frames themselves are left to
/// the decoder. Reads only the bytes, never past them.
struct FLACMetadata {
    private let bytes: UnsafeRawBufferPointer

    /// Block types from the FLAC format.
    private enum BlockType: UInt8 {
        case streamInfo = 0, padding, application, seekTable, vorbisComment, cueSheet, picture
    }

    /// A walker over a whole FLAC file.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The first problem, in words, or nil when the metadata is well formed.
    func problem() -> String? {
        var offset = bytes.id3v2Length()
        guard bytes.matches("fLaC", at: offset) else { return "the stream does not start with the fLaC marker" }
        offset += 4
        var index = 0
        while true {
            guard offset + 4 <= bytes.count else { return "metadata block \(index) header runs past the end of the file" }
            let flags = bytes[offset]
            let isLast = flags & 0x80 != 0
            let rawType = flags & 0x7F
            let length = Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let body = offset + 4
            guard body + length <= bytes.count else {
                return "metadata block \(index) declares \(length) bytes, past the end of the file"
            }
            let type = BlockType(rawValue: rawType)
            if index == 0, type != .streamInfo {
                return "the first metadata block is of type \(rawType), not STREAMINFO"
            }
            if index > 0, type == .streamInfo { return "a second STREAMINFO block at index \(index)" }
            if rawType == 127 { return "metadata block \(index) has the forbidden type 127" }
            if let problem = check(type, body: body, length: length) { return "metadata block \(index): \(problem)" }
            offset = body + length
            index += 1
            if isLast { break }
        }
        // The first frame header must follow the last block: sync 0b11111111111110.
        guard offset + 2 <= bytes.count, bytes[offset] == 0xFF, bytes[offset + 1] & 0xFE == 0xF8 else {
            return "no audio frame starts where the metadata ends (byte \(offset)): a block length is wrong"
        }
        return nil
    }

    private func check(_ type: BlockType?, body: Int, length: Int) -> String? {
        switch type {
        case .streamInfo:
            guard length == 34 else { return "STREAMINFO is \(length) bytes, not 34" }
            let minBlock = Int(bytes[body]) << 8 | Int(bytes[body + 1])
            let maxBlock = Int(bytes[body + 2]) << 8 | Int(bytes[body + 3])
            guard minBlock >= 16, maxBlock >= minBlock else {
                return "STREAMINFO block sizes \(minBlock)...\(maxBlock) are invalid"
            }
            return nil
        case .seekTable:
            return length % 18 == 0 ? nil : "SEEKTABLE length \(length) is not a multiple of 18"
        case .vorbisComment:
            return vorbisCommentProblem(body: body, length: length)
        default:
            return nil
        }
    }

    /// A Vorbis comment: vendor string, then a count of length-prefixed comments, all inside the block.
    private func vorbisCommentProblem(body: Int, length: Int) -> String? {
        let end = body + length
        var cursor = body
        guard let vendor = littleEndian32(at: cursor, end: end), cursor + 4 + vendor <= end else {
            return "the Vorbis comment vendor string overruns its block"
        }
        cursor += 4 + vendor
        guard let count = littleEndian32(at: cursor, end: end) else { return "the Vorbis comment has no comment count" }
        cursor += 4
        for number in 0..<count {
            guard let size = littleEndian32(at: cursor, end: end), cursor + 4 + size <= end else {
                return "the Vorbis comment declares \(count) comments but comment \(number + 1) overruns its block"
            }
            cursor += 4 + size
        }
        return nil
    }

    private func littleEndian32(at offset: Int, end: Int) -> Int? {
        guard offset + 4 <= end else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }
}
