/// Byte tests shared by the container walkers (FLAC metadata, MPEG frames): both may start with
/// an ID3v2 tag, and both look for ASCII markers.
extension UnsafeRawBufferPointer {
    /// True when the ASCII `text` is at `offset` (false when it would run past the end).
    func matches(_ text: String, at offset: Int) -> Bool {
        let expected = Array(text.utf8)
        guard offset >= 0, offset + expected.count <= count else { return false }
        return expected.indices.allSatisfy { self[offset + $0] == expected[$0] }
    }

    /// Length of an ID3v2 tag at `offset` (header, syncsafe size, optional footer); 0 when none.
    func id3v2Length(at offset: Int = 0) -> Int {
        guard matches("ID3", at: offset), offset + 10 <= count else { return 0 }
        let size = (6..<10).reduce(0) { $0 << 7 | Int(self[offset + $1] & 0x7F) }
        let footer = self[offset + 5] & 0x10 != 0 ? 10 : 0
        return 10 + size + footer
    }

    /// A big-endian 32-bit number at `offset`; nil past the end.
    func bigEndian32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(self[offset + $1]) }
    }
}
