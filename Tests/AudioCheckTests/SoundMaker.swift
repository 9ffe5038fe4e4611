import CSndFile
import Foundation

/// Makes the test sounds with real tools in a temporary folder: espeak-ng for speech, sox for
/// every variant, python3 (stdlib only) for WAV headers no tool writes, and libsndfile's own
/// encoders for MP3 and Opus (sox here reads them but cannot write them).
final class SoundMaker {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// espeak-ng speech: 22050 Hz, 16-bit mono, about 4.7 s for the default sentence.
    func speech(_ name: String = "speech.wav",
                text: String = "The quick brown fox jumps over the lazy dog. This is a test of the audio check.") throws -> URL {
        let url = folder.file(name)
        try Tools.run(["espeak-ng", "-w", url.path, text])
        return url
    }

    /// Runs sox with `arguments`, where `OUT` stands for the output file, and returns it.
    func sox(_ name: String, _ arguments: [String]) throws -> URL {
        let url = folder.file(name)
        try Tools.run(["sox"] + arguments.map { $0 == "OUT" ? url.path : $0 })
        return url
    }

    /// Music, as far as sox makes it (there is no music corpus here): eight 0.45 s chords of three
    /// plucked strings each (C, F, G, C, Am, Dm, G, C), concatenated: 3.6 s, 16-bit mono at `rate`.
    func melody(_ name: String = "melody.wav", rate: Int = 44100) throws -> URL {
        let chords = [["C4", "E4", "G4"], ["F4", "A4", "C5"], ["G4", "B4", "D5"], ["C4", "E4", "G4"],
                      ["A3", "C4", "E4"], ["D4", "F4", "A4"], ["G3", "B3", "D4"], ["C4", "E4", "G4"]]
        var notes: [String] = []
        for (index, chord) in chords.enumerated() {
            let note = try sox("\(name)-chord\(index).wav",
                               ["-n", "-r", String(rate), "-b", "16", "OUT", "synth", "0.45"] + chord.flatMap { ["pluck", $0] } + ["remix", "-", "vol", "0.9"])
            notes.append(note.path)
        }
        return try sox(name, notes + ["OUT"])
    }

    /// Pink noise at `volume` (0.02 is about -53 dBFS) for 3 s at 16 kHz, with one 50 ms 1 kHz
    /// tone blip at half scale in the middle: background noise with a single event in it.
    func noiseWithBlip(_ name: String = "noise-blip.wav", volume: String = "0.02") throws -> URL {
        let noise = try sox("\(name)-noise.wav", ["-R", "-n", "-r", "16000", "-b", "16", "OUT", "synth", "3", "pinknoise", "vol", volume])
        let blip = try sox("\(name)-blip.wav", ["-n", "-r", "16000", "-b", "16", "OUT", "synth", "0.05", "sine", "1000", "vol", "0.5", "pad", "1.5", "1.45"])
        return try sox(name, ["-m", noise.path, blip.path, "OUT"])
    }

    /// The first `fraction` of a file's bytes, as a new file.
    func cut(_ source: URL, to fraction: Double, name: String) throws -> URL {
        let data = try Data(contentsOf: source)
        let url = folder.file(name)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
        return url
    }

    /// A file of `count` seeded pseudo-random bytes.
    func junk(_ name: String, count: Int) throws -> URL {
        try append(count, to: Data(), name: name)
    }

    /// A copy of `source` with `count` bytes of seeded pseudo-random junk appended.
    func appendJunk(_ source: URL, count: Int, name: String) throws -> URL {
        try append(count, to: try Data(contentsOf: source), name: name)
    }

    private func append(_ count: Int, to start: Data, name: String) throws -> URL {
        var data = start
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            data.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        let url = folder.file(name)
        try data.write(to: url)
        return url
    }

    /// A WAV written byte by byte by python3's struct module: `tag` 1 is PCM, 3 is IEEE float.
    /// `samples` is a python expression for the list of sample values.
    func pythonWAV(_ name: String, tag: Int, channels: Int, rate: Int, bits: Int, samples: String) throws -> URL {
        let url = folder.file(name)
        let code = """
        import math, struct, sys
        tag, channels, rate, bits = \(tag), \(channels), \(rate), \(bits)
        samples = \(samples)
        pack = {1: {16: '<h'}, 3: {32: '<f'}}[tag][bits]
        data = b''.join(struct.pack(pack, s) for s in samples)
        block = channels * bits // 8
        fmt = struct.pack('<HHIIHH', tag, channels, rate, rate * block, block, bits)
        body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt + b'data' + struct.pack('<I', len(data)) + data
        open(sys.argv[1], 'wb').write(b'RIFF' + struct.pack('<I', len(body)) + body)
        """
        let script = folder.file(name + ".py")
        try code.write(to: script, atomically: true, encoding: .utf8)
        try Tools.run(["python3", script.path, url.path])
        return url
    }

    /// Re-encodes `source` with libsndfile's own encoder to `format` (`SF_FORMAT_MPEG |
    /// SF_FORMAT_MPEG_LAYER_III`, `SF_FORMAT_OGG | SF_FORMAT_OPUS`).
    func encode(_ source: URL, as name: String, format: Int32) throws -> URL {
        struct EncodeError: Error { let message: String }
        let url = folder.file(name)
        var inInfo = SF_INFO()
        guard let input = sf_open(source.path, Int32(SFM_READ), &inInfo) else {
            throw EncodeError(message: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(input) }
        var outInfo = SF_INFO(frames: 0, samplerate: inInfo.samplerate, channels: inInfo.channels, format: format, sections: 0, seekable: 0)
        guard let output = sf_open(url.path, Int32(SFM_WRITE), &outInfo) else {
            throw EncodeError(message: String(cString: sf_strerror(nil)))
        }
        var buffer = [Float](repeating: 0, count: 4096 * Int(inInfo.channels))
        while true {
            let got = sf_readf_float(input, &buffer, 4096)
            if got <= 0 { break }
            sf_writef_float(output, buffer, got)
        }
        sf_close(output)
        return url
    }
}
