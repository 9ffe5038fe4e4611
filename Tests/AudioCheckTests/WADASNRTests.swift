import AssayCore
@testable import AudioCheck
import CSndFile
import Foundation
import Testing

/// WADA-SNR (Kim & Stern 2008) on real signals, and where it misleads.
@Suite struct WADASNRTests {
    @Test func tableLookupInterpolatesBetweenEntries() {
        let table = WADASNR.table
        #expect(table.count == 121, "-20 dB to 100 dB in 1 dB steps")
        // From index 3 on the table rises, so an entry maps back to its own dB value.
        for index in [3, 10, 40, 80, 119] {
            #expect(abs(WADASNR.decibels(forG: table[index] + 1e-12) - (Double(index) - 20)) < 1e-6)
        }
        let middle = (table[50] + table[51]) / 2
        #expect(abs(WADASNR.decibels(forG: middle) - 30.5) < 1e-9)
        #expect(WADASNR.decibels(forG: 0.1) == -20, "below the table: the floor")
        #expect(WADASNR.decibels(forG: 5) == 100, "beyond the table: the ceiling")
    }

    /// The SIMD logarithm the SNR sums use agrees with libm's across the range samples take.
    @Test func fastLogarithmMatchesLibm() {
        var worst = 0.0
        var x = Float.leastNormalMagnitude  // subnormals are read as this, by design
        while x < 4 {
            let lanes = SIMD8<Float>((0..<8).map { x * (1 + Float($0) * 0.093) })
            let fast = SampleKernel.naturalLog(lanes)
            for lane in 0..<8 {
                // Float carries ln|x| (up to 87 in size) to about 1e-7 of its value.
                let exact = log(Double(lanes[lane]))
                worst = max(worst, abs(Double(fast[lane]) - exact) / (1 + abs(exact)))
            }
            x *= 1.37
        }
        #expect(worst < 2e-7, "largest error \(worst)")
    }

    private func snr(_ url: URL) throws -> Double {
        let options = try Fixtures.validator { $0.minSeconds = 0 }
        return try #require(try options.analyze(try Fixtures.input(url)).metrics["audio.snr_db"])
    }

    /// More noise, lower estimate; clean speech passes the default 10 dB, speech drowned in noise fails.
    @Test func estimateFallsAsNoiseRises() throws {
        let maker = try SoundMaker()
        let speech = try maker.speech()
        var estimates: [Double] = []
        for volume in ["0.003", "0.03", "0.1", "0.3"] {
            let noise = try maker.sox("noise-\(volume).wav", ["-n", "-r", "22050", "-c", "1", "-b", "16", "OUT", "synth", "5", "whitenoise", "vol", volume])
            let mixed = try maker.sox("mixed-\(volume).wav", ["-m", speech.path, noise.path, "OUT", "trim", "0", "4.5"])
            estimates.append(try snr(mixed))
        }
        #expect(estimates == estimates.sorted(by: >), "\(estimates)")
        #expect(estimates[0] > 10, "\(estimates)")
        #expect(estimates[3] < 10, "\(estimates)")
    }

    /// Digital zeros are ignored: padding speech with seconds of exact silence leaves the estimate
    /// unchanged (reference implementations clamp zeros to 1e-10, which drags it to the ceiling).
    @Test func digitalZerosAreIgnored() throws {
        let maker = try SoundMaker()
        let speech = try maker.speech()
        let padded = try maker.sox("padded.wav", ["-D", speech.path, "OUT", "pad", "2", "3"])
        // Equal up to float summation order; counting the zeros (clamped to 1e-10, as reference
        // implementations do) would move the estimate by tens of dB.
        #expect(abs(try snr(padded) - snr(speech)) < 0.001)
    }

    /// Documented limitation: lossy-coded synthetic speech reads the 100 dB ceiling, while the same
    /// speech as WAV reads a plausible value.
    @Test func lossyCodedSyntheticSpeechReadsTheCeiling() throws {
        let maker = try SoundMaker()
        let speech = try maker.speech()
        let mp3 = try maker.encode(speech, as: "speech.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
        #expect(try snr(mp3) == 100)
        #expect((10...40).contains(try snr(speech)))
    }

    /// Documented limitation: a pure tone is not speech-like and reads the -20 dB floor however clean.
    @Test func pureToneReadsTheFloor() throws {
        let maker = try SoundMaker()
        let tone = try maker.sox("tone.wav", ["-n", "-r", "16000", "-b", "16", "OUT", "synth", "3", "sine", "440", "vol", "0.5"])
        #expect(try snr(tone) == -20)
        let finding = try Fixtures.validator().analyze(try Fixtures.input(tone))
        #expect(finding.codes == ["audio.snr_low"])
        #expect(try Fixtures.validator { $0.minSNRDB = nil }.analyze(try Fixtures.input(tone)).reasons.isEmpty)
    }
}
