import AssayKit

extension AudioCheckValidator {
    /// The contract examples: espeak-ng speech from the samples and copies of it made with sox and
    /// lame (Tests/Corpora/examples/audio-check, README.md there), the IETF FLAC conformance and
    /// faulty files, hound's WAV fuzz crashers, and WAV headers no tool writes, built by ``wav``.
    static let examples: [ValidatorExample] = [
        // Accepted, and near misses.
        ValidatorExample("spoken words", .file("samples/bob/audio/weather.wav"), path: "bob/audio/a.wav"),
        ValidatorExample("an MP3 of the same speech", .file("Tests/Corpora/examples/audio-check/weather.mp3"), path: "bob/audio/a.mp3"),
        ValidatorExample("a CBR MP3 with lame's Info header", .file("Tests/Corpora/examples/audio-check/weather-cbr.mp3"), path: "bob/audio/a.mp3"),
        ValidatorExample("a VBR MP3 without a Xing header", .file("Tests/Corpora/examples/audio-check/weather-vbr-notag.mp3"),
                         path: "bob/audio/a.mp3"),
        ValidatorExample("a FLAC whose STREAMINFO understates its largest block still decodes whole",
                         .file("Tests/Corpora/flac-faulty/faulty-01.flac"), path: "carol/audio/a.flac",
                         doesNotGive: ["audio.decode", "audio.truncated", "audio.trailing_data", "audio.flac_metadata"]),
        ValidatorExample("other words by the same voice are no duplicate", .file("samples/bob/audio/weather.wav"), path: "bob/audio/a.wav",
                         earlier: [.file("samples/carol/audio/hello.wav")], doesNotGive: ["audio.dup_exact", "audio.dup_near"]),

        // Decode and integrity.
        ValidatorExample("a WAV whose fmt chunk is malformed (a fuzzer's crasher)",
                         .file("Tests/Corpora/wav-hound/fuzz/crash-24728523ef4be15c838293b676f6853e73723bf4.wav"),
                         path: "carol/audio/a.wav", gives: ["audio.header"]),
        ValidatorExample("a FLAC without STREAMINFO", .file("Tests/Corpora/flac-faulty/faulty-06.flac"), path: "carol/audio/a.flac",
                         gives: ["audio.header"]),
        ValidatorExample("IMA ADPCM, a codec off the allow-list", .file("Tests/Corpora/examples/audio-check/weather-adpcm.wav"),
                         path: "bob/audio/a.wav", gives: ["audio.codec"]),
        ValidatorExample("a FLAC whose STREAMINFO says 5 channels for mono frames", .file("Tests/Corpora/flac-faulty/faulty-04.flac"),
                         path: "carol/audio/a.flac", options: ["max_channels: 8"], gives: ["audio.decode", "audio.truncated"]),
        ValidatorExample("a recording cut to a third", .file("samples/bob/audio/weather-cut.wav"), path: "bob/audio/a.wav",
                         gives: ["audio.truncated"]),
        ValidatorExample("a CBR MP3 cut to 60 % of its bytes, which libsndfile decodes without an error",
                         .file("Tests/Corpora/examples/audio-check/weather-cbr-cut60.mp3"), path: "bob/audio/a.mp3", gives: ["audio.truncated"]),
        ValidatorExample("a FLAC whose STREAMINFO counts fewer samples than it holds", .file("Tests/Corpora/flac-faulty/faulty-05.flac"),
                         path: "carol/audio/a.flac", gives: ["audio.trailing_data"]),
        ValidatorExample("a FLAC whose first metadata block is not STREAMINFO", .file("Tests/Corpora/flac-faulty/faulty-07.flac"),
                         path: "carol/audio/a.flac", gives: ["audio.flac_metadata"]),
        ValidatorExample("a Vorbis comment whose count overruns its block", .file("Tests/Corpora/flac-faulty/faulty-10.flac"),
                         path: "carol/audio/a.flac", gives: ["audio.flac_metadata"]),
        ValidatorExample("a float WAV with a NaN and an infinity", .bytes(nonFiniteWAV), path: "dave/audio/a.wav",
                         gives: ["audio.non_finite"]),
        ValidatorExample("a WAV header with no frames", .bytes(wav(channels: 1, rate: 8000, bits: 16, data: [])), path: "dave/audio/a.wav",
                         gives: ["audio.empty"]),
        ValidatorExample("a WAV header with zero channels", .bytes(wav(channels: 0, rate: 8000, bits: 16, data: triangle)),
                         path: "dave/audio/a.wav", gives: ["audio.no_channels"]),
        ValidatorExample("three channels where stereo is the most", .file("Tests/Corpora/flac-valid/subset-38.flac"),
                         path: "carol/audio/a.flac", gives: ["audio.channels"]),
        ValidatorExample("a sample rate of 100 Hz", .bytes(wav(channels: 1, rate: 100, bits: 16, data: triangle)), path: "dave/audio/a.wav",
                         gives: ["audio.sample_rate_implausible"]),
        ValidatorExample("22.05 kHz where 16 and 48 kHz are taken", .file("samples/bob/audio/weather.wav"), path: "bob/audio/a.wav",
                         options: ["sample_rates: [16000, 48000]"], gives: ["audio.sample_rate"]),
        ValidatorExample("8-bit samples where 16 bits are the least", .file("Tests/Corpora/flac-valid/subset-23.flac"),
                         path: "carol/audio/a.flac", options: ["min_bit_depth: 16"], gives: ["audio.bit_depth"]),

        // Length and levels.
        ValidatorExample("a 0.2 s click", .file("samples/carol/audio/click.wav"), path: "carol/audio/a.wav", gives: ["audio.too_short"]),
        ValidatorExample("7.5 s of speech where 5 s is the most", .file("samples/carol/audio/hello.wav"), path: "carol/audio/a.wav",
                         options: ["max_seconds: 5"], gives: ["audio.too_long"]),
        ValidatorExample("speech 46 dB down", .file("Tests/Corpora/examples/audio-check/weather-quiet.flac"), path: "bob/audio/a.flac",
                         gives: ["audio.peak_low", "audio.rms_low", "audio.too_quiet"]),
        ValidatorExample("a square wave driven into clipping", .file("Tests/Corpora/examples/audio-check/square-clipped.wav"),
                         path: "dave/audio/a.wav", gives: ["audio.rms_high", "audio.clipping", "audio.too_loud"]),
        ValidatorExample("three seconds of digital silence", .file("samples/carol/audio/silence.wav"), path: "carol/audio/a.wav",
                         gives: ["audio.silence"]),
        ValidatorExample("speech shifted by a fifth of full scale", .file("Tests/Corpora/examples/audio-check/weather-dc.flac"),
                         path: "bob/audio/a.flac", gives: ["audio.dc_offset"]),
        ValidatorExample("white noise and nothing else", .file("Tests/Corpora/examples/audio-check/noise.flac"), path: "dave/audio/a.flac",
                         gives: ["audio.snr_low"]),
        ValidatorExample("quiet noise with one short beep", .file("Tests/Corpora/examples/audio-check/noise-blip.flac"),
                         path: "dave/audio/a.flac", gives: ["audio.speech_ratio_low"]),
        ValidatorExample("22.05 kHz speech resampled to 48 kHz", .file("Tests/Corpora/examples/audio-check/weather-48k.flac"),
                         path: "bob/audio/a.flac", gives: ["audio.upsampled"]),

        // Duplicates.
        ValidatorExample("a FLAC of a WAV accepted before", .file("samples/carol/audio/hello-copy.flac"), path: "carol/audio/b.flac",
                         earlier: [.file("samples/carol/audio/hello.wav")], gives: ["audio.dup_exact"]),
        ValidatorExample("an MP3 of a WAV accepted before", .file("Tests/Corpora/examples/audio-check/weather.mp3"), path: "bob/audio/b.mp3",
                         earlier: [.file("samples/bob/audio/weather.wav")], gives: ["audio.dup_near"]),
    ]

    /// One second of a 200 Hz triangle wave at 8 kHz, 16-bit little-endian PCM.
    static let triangle: [UInt8] = (0..<8000).flatMap { index -> [UInt8] in
        let level: Int16 = Int16(index % 40 - 20) * 800
        let sample = UInt16(bitPattern: level)
        return [UInt8(sample & 0xFF), UInt8(sample >> 8)]
    }

    /// The same triangle as 32-bit float WAV (format 3), with sample 100 NaN and sample 200 infinite.
    static let nonFiniteWAV: [UInt8] = {
        var samples: [Float] = (0..<8000).map { index -> Float in Float(index % 40 - 20) / 40 }
        samples[100] = .nan
        samples[200] = .infinity
        let data = samples.flatMap { sample -> [UInt8] in
            let bits = sample.bitPattern
            return [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        }
        return wav(format: 3, channels: 1, rate: 8000, bits: 32, data: data)
    }()

    /// A canonical 44-byte-header RIFF/WAVE file (format 1: PCM, 3: IEEE float) holding `data`,
    /// with whatever header values are asked for, as no encoder would write them.
    static func wav(format: UInt16 = 1, channels: UInt16, rate: UInt32, bits: UInt16, data: [UInt8]) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        let blockAlign = channels * bits / 8
        var bytes: [UInt8] = Array("RIFF".utf8) + le32(UInt32(36 + data.count)) + Array("WAVEfmt ".utf8)
        bytes += le32(16) + le16(format) + le16(channels)
        bytes += le32(rate) + le32(rate * UInt32(blockAlign)) + le16(blockAlign) + le16(bits)
        bytes += Array("data".utf8) + le32(UInt32(data.count))
        return bytes + data
    }
}
