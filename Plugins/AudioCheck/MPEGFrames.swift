/// Walks the frames of an MPEG audio stream (MP3, MP2) from its bytes, to tell a complete file
/// from a cut one. libsndfile's frame count for MPEG is an estimate from the file size that
/// counts the encoder's delay and padding, so comparing decoded frames with it rejects every
/// valid MP3. The walk instead follows the frame headers: a file cut short ends inside a frame,
/// or, cut exactly at a frame boundary, holds fewer frames than the Xing/Info header that LAME
/// and most encoders write into the first frame counts. Reads only the bytes, never past them.
struct MPEGFrames: Equatable {
    /// Audio frames found after the Xing/Info frame (which holds no audio).
    let frames: Int
    /// Frames the Xing/Info header counts, when the stream has one with a frame count.
    let declaredFrames: Int?
    /// The Xing/Info header carries a LAME tag whose encoder is LAME: LAME's count leaves the
    /// tag's own frame out exactly, so a whole stream holds every frame it counts.
    let exactCount: Bool
    /// The last frame header announces more bytes than the file holds.
    let lastFrameCut: Bool
    /// Decoded samples per channel in one frame (1152 for MPEG-1 Layer III).
    let samplesPerFrame: Int

    /// Why the stream looks cut short, in words for the contributor; nil when it looks whole.
    /// One frame of slack against a Xing count without a LAME tag: encoders disagree on whether
    /// it counts itself. With a LAME tag none, so a file cut just before its last frame is caught.
    var truncation: String? {
        if lastFrameCut { return "the file ends in the middle of MPEG audio frame \(frames + 1): it was cut short" }
        if let declared = declaredFrames, frames < declared - (exactCount ? 0 : 1) {
            return "the file holds \(frames) of the \(declared) MPEG audio frames its Xing/Info header counts: it was cut short"
        }
        return nil
    }

    /// Where the first frame is looked for after the tags: decoders resync over padding a
    /// tagger leaves, so the walk does too, this far.
    static let firstFrameSearch = 64 * 1024

    /// Walks `bytes`; nil when no MPEG audio frame this walker can measure (free-format bitrate,
    /// reserved fields) starts within ``firstFrameSearch`` bytes after the ID3v2 tags.
    init?(_ bytes: UnsafeRawBufferPointer) {
        // Some taggers write a second ID3v2 tag after the first.
        var tags = 0
        while case let length = bytes.id3v2Length(at: tags), length > 0 { tags += length }
        guard let found = Self.nextFrame(bytes, from: tags, like: nil, within: Self.firstFrameSearch) else { return nil }
        let start = found.offset, first = found.header
        samplesPerFrame = first.samplesPerFrame
        let xing = Self.xingFrameCount(bytes, frame: first, at: start)
        let declared = xing?.count
        var frames = 0, offset = start, cut = false
        var position: (offset: Int, header: Header)? = (start, first)
        while let (at, current) = position {
            if at + current.length > bytes.count {
                cut = true
                offset = at
                break
            }
            // The Xing/Info frame holds the count, not audio: its count leaves it out.
            if !(at == start && declared != nil) { frames += 1 }
            offset = at + current.length
            position = Self.nextFrame(bytes, from: offset, like: first, within: bytes.count)
        }
        // A header cut before its four bytes end is a cut frame too.
        let left = bytes.count - offset
        if !cut, (1..<4).contains(left), bytes[offset] == 0xFF, left == 1 || bytes[offset + 1] & 0xE0 == 0xE0 { cut = true }
        self.frames = frames
        declaredFrames = declared
        exactCount = xing?.lame ?? false
        lastFrameCut = cut
    }

    /// The frame at `offset`, or where decoding picks up after bytes that are not a frame (junk
    /// a tagger left between frames): the next header, within `within` bytes, whose frame is
    /// followed by another header or by the end of the file. A header must have the stream's
    /// version, layer and sample rate (`like`'s), as decoders require. Nil at the end, or at a
    /// trailing tag (ID3v1's last 128 bytes, `APETAGEX`, Lyrics3), which is not audio.
    private static func nextFrame(_ bytes: UnsafeRawBufferPointer, from offset: Int, like: Header?,
                                  within: Int) -> (offset: Int, header: Header)? {
        func matching(_ at: Int) -> Header? {
            guard let header = Header(bytes, at: at), like.map({ $0.stream == header.stream }) ?? true else { return nil }
            return header
        }
        if let header = matching(offset) { return (offset, header) }
        var at = offset
        let end = min(bytes.count, offset + within)
        while at + 4 <= end {
            switch bytes[at] {
            case 0xFF:
                if let header = matching(at) {
                    let next = at + header.length
                    if next == bytes.count || Header(bytes, at: next)?.stream == header.stream { return (at, header) }
                }
            case UInt8(ascii: "T") where at == bytes.count - 128 && bytes.matches("TAG", at: at): return nil
            case UInt8(ascii: "A") where bytes.matches("APETAGEX", at: at): return nil
            case UInt8(ascii: "L") where bytes.matches("LYRICS", at: at): return nil
            default: break
            }
            at += 1
        }
        return nil
    }

    /// The frame count of a Xing ("Xing", VBR) or Info ("Info", CBR) header in the first frame,
    /// and whether a LAME tag follows it (`lame`).
    private static func xingFrameCount(_ bytes: UnsafeRawBufferPointer, frame: Header, at offset: Int) -> (count: Int, lame: Bool)? {
        // The tag follows the side information: 32/17 bytes (MPEG-1 stereo/mono), 17/9 (MPEG-2, 2.5).
        // A frame with a CRC has two more bytes before it.
        let side = frame.isMPEG1 ? (frame.mono ? 17 : 32) : (frame.mono ? 9 : 17)
        for tag in [offset + 4 + side, offset + 6 + side] where bytes.matches("Xing", at: tag) || bytes.matches("Info", at: tag) {
            guard let flags = bytes.bigEndian32(at: tag + 4), flags & 1 != 0, let count = bytes.bigEndian32(at: tag + 8) else { return nil }
            // After the flags: the frame count, then the byte count, the 100-byte seek table and
            // the quality, each when its flag is set; then the LAME tag's encoder name, inside
            // this frame ("LAME3.100"). Other writers of the LAME tag (FFmpeg's "Lavf") keep the slack.
            let fields = [(2, 4), (4, 100), (8, 4)].reduce(tag + 12) { $0 + (flags & $1.0 != 0 ? $1.1 : 0) }
            let lame = fields + 9 <= offset + frame.length && bytes.matches("LAME", at: fields)
            return (Int(count), lame)
        }
        return nil
    }

    /// One MPEG audio frame header (ISO 11172-3, 13818-3 and the MPEG 2.5 extension).
    struct Header {
        let length: Int
        let samplesPerFrame: Int
        let isMPEG1: Bool
        let mono: Bool
        /// Version, layer and sample rate bits: fixed for a whole stream.
        let stream: UInt16

        /// Bitrates in kbit/s by [version group][layer - 1][index]: MPEG-1, then MPEG-2 and 2.5.
        private static let bitrates: [[[Int]]] = [
            [[0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
             [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
             [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]],
            [[0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
             [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
             [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]],
        ]
        private static let rates = [44_100, 48_000, 32_000]

        /// The header at `offset`; nil when it is not a valid, measurable one.
        init?(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
            guard offset >= 0, offset + 4 <= bytes.count else { return nil }
            let b1 = bytes[offset + 1], b2 = bytes[offset + 2], b3 = bytes[offset + 3]
            guard bytes[offset] == 0xFF, b1 & 0xE0 == 0xE0 else { return nil }
            let version = Int(b1 >> 3 & 0x3) // 0: MPEG 2.5, 2: MPEG-2, 3: MPEG-1
            let layerBits = Int(b1 >> 1 & 0x3) // 1: III, 2: II, 3: I
            let bitrateIndex = Int(b2 >> 4), rateIndex = Int(b2 >> 2 & 0x3), padding = Int(b2 >> 1 & 0x1)
            guard version != 1, layerBits != 0, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3 else { return nil }
            let layer = 4 - layerBits
            isMPEG1 = version == 3
            mono = b3 >> 6 == 3
            stream = UInt16(b1 & 0xFE) << 8 | UInt16(b2 & 0x0C)
            let bitrate = Self.bitrates[isMPEG1 ? 0 : 1][layer - 1][bitrateIndex] * 1000
            let rate = Self.rates[rateIndex] / (version == 3 ? 1 : version == 2 ? 2 : 4)
            switch layer {
            case 1:
                samplesPerFrame = 384
                length = (12 * bitrate / rate + padding) * 4
            case 2:
                samplesPerFrame = 1152
                length = 144 * bitrate / rate + padding
            default:
                samplesPerFrame = isMPEG1 ? 1152 : 576
                length = (isMPEG1 ? 144 : 72) * bitrate / rate + padding
            }
            guard length >= 4 else { return nil }
        }
    }
}
