import AssayCore
import AudioCheck
import CSndFile
import Foundation
import Testing

/// The bit-depth policy (`audio.bit_depth`): espeak-ng speech written by sox at 8, 16, 24 and 32
/// bits, as WAV and FLAC, against `min_bit_depth` at, just above and just below each depth.
/// Float and lossy files have no bit depth and are never judged by it.
@Suite struct BitDepthTests: SpeechSuite {
    let maker: SoundMaker
    let speech: URL

    init() throws {
        maker = try SoundMaker()
        speech = try maker.speech()
    }

    func judge(_ url: URL, minBitDepth: Int?) throws -> Finding {
        try judge(url) { $0.minBitDepth = minBitDepth }
    }

    @Test(arguments: [("wav", 8), ("wav", 16), ("wav", 24), ("wav", 32), ("flac", 8), ("flac", 16), ("flac", 24)])
    func eachDepthAtJustAboveAndJustBelowTheLimit(container: String, bits: Int) throws {
        let url = try maker.sox("speech\(bits).\(container)", [speech.path, "-b", String(bits), "OUT"])
        let unlimited = try judge(url, minBitDepth: nil)
        #expect(unlimited.reasons.isEmpty, "\(unlimited.reasons.map(\.message))")
        #expect(unlimited.metrics["audio.bit_depth"] == Double(bits))
        #expect(try judge(url, minBitDepth: bits).reasons.isEmpty, "at the limit passes")
        let depths = [8, 16, 24, 32]
        if let lower = depths.last(where: { $0 < bits }) {
            #expect(try judge(url, minBitDepth: lower).reasons.isEmpty)
        }
        if let higher = depths.first(where: { $0 > bits }) {
            let finding = try judge(url, minBitDepth: higher)
            #expect(finding.codes == ["audio.bit_depth"], "\(container) \(bits) against \(higher)")
            #expect(finding.reasons.first?.value == .number(Double(bits)))
            #expect(finding.reasons.first?.limit == .number(Double(higher)))
            #expect(finding.metrics["audio.frames"] != nil, "judged from the header, but still decoded and measured")
        }
    }

    @Test func floatAndLossyFilesHaveNoBitDepth() throws {
        let copies = [
            try maker.sox("float.wav", [speech.path, "-e", "floating-point", "-b", "32", "OUT"]),
            try maker.sox("speech.ogg", [speech.path, "OUT"]),
            try maker.encode(speech, as: "speech.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)),
        ]
        for url in copies {
            let finding = try judge(url, minBitDepth: 32)
            #expect(finding.reasons.isEmpty, "\(url.lastPathComponent): \(finding.reasons.map(\.message))")
            #expect(finding.metrics["audio.bit_depth"] == nil, "\(url.lastPathComponent)")
        }
    }
}
