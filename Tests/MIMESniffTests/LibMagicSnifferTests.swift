import AssayCore
import AssayTestSupport
import Foundation
import MIMESniff
import Testing

/// libmagic on real files: what intake's modality check relies on.
@Suite struct LibMagicSnifferTests {
    let sniffer = LibMagicSniffer()

    func sniff(_ path: String) throws -> String {
        try sniffer.mimeType(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func pngSuiteImagesArePNG() throws {
        for name in ["basn2c08.png", "basi0g01.png", "s01n3p01.png"] {
            #expect(try sniff(Locations.corpora + "/pngsuite/" + name) == "image/png")
        }
    }

    @Test func audioCorporaAreAudio() throws {
        #expect(try sniff(Locations.corpora + "/flac-valid/subset-60.flac") == "audio/flac")
        #expect(try sniff(Locations.corpora + "/wav-hound/pcmwaveformat-16bit-44100Hz-mono.wav") == "audio/x-wav")
    }

    @Test func elfBinaryIsNotAnImage() throws {
        let mime = try sniff("/bin/ls")
        #expect(mime.hasPrefix("application/x-"), "got \(mime)")
    }

    @Test func licenceTextIsPlainText() throws {
        #expect(try sniff("/usr/share/common-licenses/GPL-3") == "text/plain")
    }

    @Test func jpegMadeByCjpegIsJPEG() throws {
        let folder = TemporaryFolder()
        var ppm = Array("P6\n16 16\n255\n".utf8)
        for i in 0..<(16 * 16) { ppm += [UInt8(i % 256), UInt8((i * 7) % 256), 128] }
        let source = try folder.write("in.ppm", bytes: ppm)
        let result = try Shell.run(["cjpeg", "-outfile", folder.url("out.jpg"), source])
        #expect(result.status == 0, "cjpeg: \(result.stderr)")
        #expect(try sniff(folder.url("out.jpg")) == "image/jpeg")
    }

    @Test func manyThreadsShareThePool() throws {
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Locations.corpora + "/pngsuite/basn2c08.png")))
        let text = Array("plain words, nothing more\n".utf8)
        let results = UnsafeResults(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            results.set(i, (try? sniffer.mimeType(of: i % 2 == 0 ? png : text)) ?? "failed")
        }
        for i in 0..<64 { #expect(results.get(i) == (i % 2 == 0 ? "image/png" : "text/plain")) }
    }
}

/// Results written by concurrent iterations, each to its own slot.
final class UnsafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.withLock { values[i] = value } }
    func get(_ i: Int) -> String { lock.withLock { values[i] } }
}
