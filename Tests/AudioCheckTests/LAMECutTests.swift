import AssayCore
import AudioCheck
import Foundation
import Testing

/// MP3s made by the `lame` command line (committed in Tests/Corpora/examples/audio-check, with
/// their commands in its README.md), whole and cut the way uploads break them. libsndfile
/// (mpg123) decodes the frames a cut MP3 still holds without an error, so the stage finds the cut
/// in the frames themselves: a file that ends inside a frame, or that holds fewer frames than the
/// Xing/Info header LAME writes counts. A cut exactly at a frame boundary of a file without that
/// header leaves a valid, shorter MP3: nothing in the file tells, so it is accepted.
@Suite struct LAMECutTests {
    /// A whole file from lame and the header its first frame carries.
    struct Whole: Sendable, CustomTestStringConvertible {
        let file: String
        /// "Info" (CBR) or "Xing" (VBR) with a LAME tag after it; nil when lame wrote none.
        let tag: String?
        var testDescription: String { file }
        var url: URL { Fixtures.corpus("examples/audio-check/" + file) }
    }

    static let wholes = [
        // lame -b 56: CBR; the Info header and LAME tag fit in a 56 kbit/s frame.
        Whole(file: "weather-cbr.mp3", tag: "Info"),
        // lame -b 32: CBR; a 104-byte frame cannot hold the header, so lame leaves it out.
        Whole(file: "weather.mp3", tag: nil),
        // lame -V 9: VBR with a Xing header.
        Whole(file: "weather-vbr.mp3", tag: "Xing"),
        // lame -t -V 9: VBR, no Xing header.
        Whole(file: "weather-vbr-notag.mp3", tag: nil),
    ]

    /// Where a file is cut.
    enum Cut: Sendable, CaseIterable, CustomTestStringConvertible {
        case tenPercent, halfway, sixtyPercent, ninetyNinePercent
        /// Halfway into the frame after frame 100.
        case insideAFrame
        /// Two bytes into the header of the frame after frame 100.
        case insideAHeader
        /// Right after frame 100.
        case atAFrameBoundary
        /// Right before the last frame: the whole last frame is gone.
        case lastFrameDropped
        /// The last byte is gone.
        case lastByteDropped

        var testDescription: String { "\(self)" }

        /// The length the file is cut to, given the offsets of its frames and its end.
        func length(frames: [Int], size: Int) -> Int {
            func fraction(_ share: Double) -> Int { Int(Double(size) * share) }
            switch self {
            case .tenPercent: return fraction(0.1)
            case .halfway: return fraction(0.5)
            case .sixtyPercent: return fraction(0.6)
            case .ninetyNinePercent: return fraction(0.99)
            case .insideAFrame: return (frames[101] + frames[102]) / 2
            case .insideAHeader: return frames[101] + 2
            case .atAFrameBoundary: return frames[101]
            case .lastFrameDropped: return frames[frames.count - 2]
            case .lastByteDropped: return size - 1
            }
        }
    }

    let validator: AudioCheckValidator
    let folder: TemporaryFolder

    init() throws {
        validator = try Fixtures.validator()
        folder = try TemporaryFolder()
    }

    /// The offset of every MPEG frame (the Xing/Info frame is frame 0) and the end of the last,
    /// from an independent walk in python3 (ISO 11172-3 / 13818-3 Layer III frame lengths).
    static func frameOffsets(_ url: URL) throws -> [Int] {
        let script = """
            import sys
            b = open(sys.argv[1], 'rb').read()
            R1 = [0,32,40,48,56,64,80,96,112,128,160,192,224,256,320]; R2 = [0,8,16,24,32,40,48,56,64,80,96,112,128,144,160]
            o = 10 + ((b[6]&127)<<21 | (b[7]&127)<<14 | (b[8]&127)<<7 | (b[9]&127)) if b[:3] == b'ID3' else 0
            offsets = []
            while o + 4 <= len(b) and b[o] == 0xFF and b[o+1] & 0xE0 == 0xE0:
                offsets.append(o)
                v = (b[o+1] >> 3) & 3; rate = [44100, 48000, 32000][(b[o+2] >> 2) & 3] // (1 if v == 3 else 2 if v == 2 else 4)
                br = (R1 if v == 3 else R2)[b[o+2] >> 4] * 1000
                o += (144 if v == 3 else 72) * br // rate + ((b[o+2] >> 1) & 1)
            offsets.append(o)
            print(' '.join(map(str, offsets)))
            """
        return try Tools.run(["python3", "-c", script, url.path]).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test(arguments: wholes)
    func wholeMP3sFromLAMEAreAccepted(whole: Whole) throws {
        let bytes = [UInt8](try Data(contentsOf: whole.url))
        // 22.05 kHz mono is MPEG-2 Layer III: the header follows 4 header and 9 side-information bytes.
        let tag = String(decoding: bytes[13..<17], as: UTF8.self)
        #expect(["Info", "Xing"].contains(tag) ? tag == whole.tag : whole.tag == nil, "\(whole.file) starts with \(tag)")
        let frames = try Self.frameOffsets(whole.url)
        #expect(frames.last == bytes.count, "\(whole.file) is whole: its frames end where the file does")
        let finding = try validator.analyze(try Fixtures.input(whole.url))
        #expect(finding.reasons.isEmpty, "\(whole.file): \(finding.reasons.map(\.message))")
        // weather.wav is 5.5 s; lame adds its encoder delay and padding.
        #expect(abs((finding.metrics["audio.seconds"] ?? 0) - 5.5) < 0.2, "\(finding.metrics["audio.seconds"] ?? 0) s")
    }

    /// The issue's case: a CBR MP3 from lame cut to 60 % of its bytes (`head -c`), committed as
    /// made. libsndfile decodes what is left without an error; the stage says it was cut.
    @Test func aCBRMP3CutToSixtyPercentIsTruncated() throws {
        let cut = Fixtures.corpus("examples/audio-check/weather-cbr-cut60.mp3")
        let whole = try Data(contentsOf: Fixtures.corpus("examples/audio-check/weather-cbr.mp3"))
        #expect(try Data(contentsOf: cut) == whole.prefix(whole.count * 60 / 100))
        let finding = try validator.analyze(try Fixtures.input(cut))
        #expect(finding.codes == ["audio.truncated"], "\(finding.reasons.map(\.message))")
        #expect(finding.reasons.first?.message == "the file ends in the middle of MPEG audio frame 127: it was cut short")
        // The decoder's own view: frames came out and no error was reported.
        #expect((finding.metrics["audio.frames"] ?? 0) > 0)
    }

    /// Every cut is caught, but one: a cut exactly at a frame boundary of a file without a
    /// Xing/Info header, which is a valid shorter MP3. With the header, even the last frame alone
    /// missing is caught: LAME's count leaves its own frame out exactly.
    @Test(arguments: wholes, Cut.allCases)
    func cutMP3s(whole: Whole, cut: Cut) throws {
        let data = try Data(contentsOf: whole.url)
        let frames = try Self.frameOffsets(whole.url)
        let length = cut.length(frames: frames, size: data.count)
        let url = folder.file("\(cut)-\(whole.file)")
        try data.prefix(length).write(to: url)
        let finding = try validator.analyze(try Fixtures.input(url))
        if whole.tag == nil, frames.contains(length) {
            #expect(finding.reasons.isEmpty, "\(whole.file) cut at \(length), a frame boundary: \(finding.reasons.map(\.message))")
        } else {
            #expect(finding.codes == ["audio.truncated"], "\(whole.file) cut at \(length): \(finding.reasons.map(\.message))")
            #expect(finding.reasons.first?.message.hasSuffix("it was cut short") == true)
        }
        if cut == .atAFrameBoundary || cut == .lastFrameDropped { #expect(frames.contains(length)) }
        if cut == .lastFrameDropped, whole.tag != nil {
            let counted = frames.count - 2
            #expect(finding.reasons.first?.message == "the file holds \(counted - 1) of the \(counted) MPEG audio frames its Xing/Info header counts: it was cut short")
        }
    }
}
