import AssayCore
import AudioCheck
import Foundation
import Testing

/// MP3 as contributors make it (sox with LAME: CBR, VBR with a Xing header, ID3v2 tags) and as
/// uploads break it (`head -c`). libsndfile's frame count for MPEG is an estimate from the size,
/// so the stage judges the length by walking the frames.
@Suite struct MP3Tests {
    let maker: SoundMaker
    let validator: AudioCheckValidator
    let speech: URL

    init() throws {
        maker = try SoundMaker()
        validator = try Fixtures.validator()
        // About 20 s: four times the default sentence.
        speech = try maker.sox("long.wav", [try maker.speech().path, "OUT", "repeat", "3"])
    }

    func judge(_ url: URL) throws -> Finding { try validator.analyze(try Fixtures.input(url)) }

    /// The offset right after MPEG frame `count` (counting the Xing frame as 0), from an
    /// independent walk in python3 (ISO 11172-3 / 13818-3 frame lengths).
    func frameBoundary(_ url: URL, after count: Int) throws -> Int {
        let script = """
            import sys
            b = open(sys.argv[1], 'rb').read(); n = int(sys.argv[2])
            R1 = [0,32,40,48,56,64,80,96,112,128,160,192,224,256,320]; R2 = [0,8,16,24,32,40,48,56,64,80,96,112,128,144,160]
            o = 10 + ((b[6]&127)<<21 | (b[7]&127)<<14 | (b[8]&127)<<7 | (b[9]&127)) if b[:3] == b'ID3' else 0
            for _ in range(n + 1):
                v = (b[o+1] >> 3) & 3; rate = [44100, 48000, 32000][(b[o+2] >> 2) & 3] // (1 if v == 3 else 2 if v == 2 else 4)
                br = (R1 if v == 3 else R2)[b[o+2] >> 4] * 1000
                o += (144 if v == 3 else 72) * br // rate + ((b[o+2] >> 1) & 1)
            print(o)
            """
        return try #require(Int(try Tools.run(["python3", "-c", script, url.path, String(count)]).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(arguments: [("cbr.mp3", ["-C", "128"]), ("vbr.mp3", ["-C", "-4.2"]), ("default.mp3", [String]())])
    func mp3sFromLAMEAreAccepted(name: String, options: [String]) throws {
        let mp3 = try maker.sox(name, [speech.path] + options + ["OUT"])
        let finding = try judge(mp3)
        #expect(finding.reasons.isEmpty, "\(name): \(finding.reasons.map(\.message))")
        // libsndfile's estimate is not reported as a declared length.
        #expect(finding.metrics["audio.frames_declared"] == nil)
        #expect(abs((finding.metrics["audio.seconds"] ?? 0) - 4 * 4.7) < 2, "\(finding.metrics["audio.seconds"] ?? 0) s")
    }

    @Test func anID3v2TagBeforeTheAudioIsNotAProblem() throws {
        let mp3 = try maker.sox("plain.mp3", [speech.path, "-C", "-4.2", "OUT"])
        // An ID3v2.3 tag with one TIT2 (title) frame, as taggers write it.
        let title = Array("\u{0}A contributor's recording".utf8)
        let frame = Array("TIT2".utf8) + [0, 0, 0, UInt8(title.count), 0, 0] + title
        let size = frame.count
        let tag = Array("ID3".utf8) + [3, 0, 0, UInt8(size >> 21 & 0x7F), UInt8(size >> 14 & 0x7F), UInt8(size >> 7 & 0x7F), UInt8(size & 0x7F)] + frame
        let tagged = maker.folder.file("tagged.mp3")
        try Data(tag + Array(try Data(contentsOf: mp3))).write(to: tagged)
        #expect(try judge(tagged).reasons.isEmpty)
    }

    /// Cut where `head -c` would, inside a frame. (A CBR file with no Xing/Info header cut exactly
    /// at a frame boundary is a valid shorter MP3: nothing in it tells; 0.3 of a 720-frame CBR
    /// file is such a boundary, hence the odd fractions.)
    @Test func mpeg1StereoAndTagsAroundTheAudioAreAccepted() throws {
        // 44.1 kHz stereo is MPEG-1 (1152 samples a frame, other side-info sizes than 22.05 kHz mono).
        let stereo = try maker.sox("stereo.mp3", [speech.path, "-r", "44100", "-c", "2", "-C", "-4.2", "OUT"])
        // espeak-ng's 22.05 kHz speech resampled to 44.1 kHz holds nothing above 10.5 kHz, which
        // the defaults flag; this test is about the frame layout, so that check is off below.
        #expect(try judge(stereo).codes == ["audio.upsampled"])
        let layout = try Fixtures.validator { $0.minBandwidthRatio = nil }
        #expect(try layout.analyze(try Fixtures.input(stereo)).reasons.isEmpty)
        var bytes = Array(try Data(contentsOf: stereo))
        // An ID3v2 tag padded with zeros (taggers leave room to grow; its size counts the padding:
        // 320 = 2 × 128 + 64), and an ID3v1 tag at the end.
        let tag = Array("ID3".utf8) + [3, 0, 0, 0, 0, 2, 64] + [UInt8](repeating: 0, count: 320)
        bytes = tag + bytes + Array("TAG".utf8) + [UInt8](repeating: 0x20, count: 125)
        let tagged = maker.folder.file("padded.mp3")
        try Data(bytes).write(to: tagged)
        let finding = try layout.analyze(try Fixtures.input(tagged))
        #expect(finding.reasons.isEmpty, "\(finding.reasons.map(\.message))")
        // And cut: still caught after the padding.
        let cut = maker.folder.file("padded-cut.mp3")
        try Data(bytes.prefix(bytes.count * 2 / 3 + 7)).write(to: cut)
        #expect(try layout.analyze(try Fixtures.input(cut)).codes == ["audio.truncated"])
    }

    @Test(arguments: [0.3137, 0.9071, 0.999])
    func anMP3CutShortIsTruncated(fraction: Double) throws {
        for options in [["-C", "128"], ["-C", "-4.2"]] {
            let mp3 = try maker.sox("whole.mp3", [speech.path] + options + ["OUT"])
            let cut = try maker.cut(mp3, to: fraction, name: "cut.mp3")
            let finding = try judge(cut)
            #expect(finding.codes == ["audio.truncated"], "\(options) cut to \(fraction): \(finding.reasons.map(\.message))")
            #expect(finding.reasons.first?.message.contains("cut short") == true)
        }
    }

    @Test func aVBRFileCutAtAFrameBoundaryFallsShortOfItsXingCount() throws {
        let mp3 = try maker.sox("vbr.mp3", [speech.path, "-C", "-4.2", "OUT"])
        let boundary = try frameBoundary(mp3, after: 100)
        let cut = maker.folder.file("boundary.mp3")
        try Data(contentsOf: mp3).prefix(boundary).write(to: cut)
        let finding = try judge(cut)
        #expect(finding.codes == ["audio.truncated"])
        let message = try #require(finding.reasons.first?.message)
        #expect(message.hasPrefix("the file holds 100 of the ") && message.contains("Xing/Info header counts"), "\(message)")
    }

    @Test func oggVorbisFromSoxIsAccepted() throws {
        let ogg = try maker.sox("speech.ogg", [speech.path, "OUT"])
        #expect(try judge(ogg).reasons.isEmpty)
    }
}
