import AssayCore
import AudioCheck
import Dispatch
import Foundation
import Synchronization
import Testing

/// libsndfile keeps the error of a failed open in one global (`sf_errno`, read by
/// `sf_strerror(NULL)`), and every open, good or bad, resets it. Many broken files opened on all
/// cores at once must each still report their own error.
@Suite struct ConcurrencyTests {
    @Test func concurrentFailedOpensKeepTheirOwnMessages() throws {
        let maker = try SoundMaker()
        let tone = "[int(8000 * math.sin(i / 10)) for i in range(2205)]"
        var urls = try Fixtures.corpusFiles("wav-hound/fuzz", ext: "wav")
        urls += [Fixtures.corpus("flac-faulty/faulty-06.flac"), Fixtures.corpus("flac-faulty/faulty-11.flac"),
                 Fixtures.corpus("flac-faulty/LICENSE.txt")]
        urls += [try maker.pythonWAV("chan0.wav", tag: 1, channels: 0, rate: 22050, bits: 16, samples: tone),
                 try maker.pythonWAV("rate0.wav", tag: 1, channels: 1, rate: 0, bits: 16, samples: tone),
                 try maker.pythonWAV("chan2000.wav", tag: 1, channels: 2000, rate: 22050, bits: 16, samples: "[0] * 4000"),
                 try maker.junk("random.bin", count: 3000)]
        // Good files between the bad ones: each successful open resets the global error to 0. They
        // are tiny (2 to 4 frames) so that the threads spend their time opening, where the race is.
        urls += [Fixtures.corpus("wav-hound/pcmwaveformat-16bit-44100Hz-mono.wav"),
                 Fixtures.corpus("wav-hound/waveformatextensible-24bit-4byte-48kHz-stereo.wav")]

        let validator = try Fixtures.validator()
        let names = urls.map(\.lastPathComponent)
        let inputs = try urls.map { try Fixtures.input($0) }
        let expected = inputs.map { Self.firstMessage(validator, $0) }
        // The failures differ from each other (else a mix-up could not be seen).
        #expect(Set(expected).count >= 8, "\(expected)")

        let mismatches = Mutex<[String]>([])

        // Without the lock in SndFileGate this finds a handful of mixed-up messages per run on two
        // cores (each "No Error." from an open that started on the other thread); with it, none.
        let rounds = 4000
        DispatchQueue.concurrentPerform(iterations: inputs.count * rounds) { iteration in
            let index = iteration % inputs.count
            let got = Self.firstMessage(validator, inputs[index])
            if got != expected[index] {
                mismatches.withLock { $0.append("\(names[index]): expected \(expected[index]), got \(got)") }
            }
        }
        let found = mismatches.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) mixed-up messages, first: \(found.prefix(3))")
    }

    private static func firstMessage(_ validator: AudioCheckValidator, _ input: FileInput) -> String {
        do {
            return try validator.analyze(input).reasons.first?.message ?? "accepted"
        } catch {
            return "stage failure: \(error)"
        }
    }

    /// Analyze is pure: the same file gives the same finding on any thread, any number of times.
    @Test func concurrentDecodesAgree() throws {
        let maker = try SoundMaker()
        let urls = [try maker.speech(), Fixtures.corpus("flac-valid/subset-64.flac"), Fixtures.corpus("flac-faulty/faulty-05.flac")]
        let validator = try Fixtures.validator()
        let inputs = try urls.map { try Fixtures.input($0) }
        let expected = try inputs.map { try validator.analyze($0) }
        let disagreements = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: inputs.count * 20) { iteration in
            let index = iteration % inputs.count
            let finding = try? validator.analyze(inputs[index])
            if finding?.metrics != expected[index].metrics || finding?.reasons != expected[index].reasons {
                disagreements.withLock { $0 += 1 }
            }
        }
        #expect(disagreements.withLock { $0 } == 0)
    }
}
