import AssayCore
import Foundation
import ImageCheck
import Testing

/// The stage's contract: options, reason codes, thread safety, and the libpng boundary.
@Suite struct StageContractTests {
    @Test func contradictoryOptionsAreRefused() {
        var options = ImageCheckOptions()
        options.minWidth = 500
        options.maxWidth = 100
        #expect(throws: OptionsError.self) { try ImageCheck(options: options) }
        options = ImageCheckOptions()
        options.minAspectRatio = 2
        options.maxAspectRatio = 1
        #expect(throws: OptionsError.self) { try ImageCheck(options: options) }
        options = ImageCheckOptions()
        options.colorTypes = []
        #expect(throws: OptionsError.self) { try ImageCheck(options: options) }
    }

    @Test func everyOptionIsDescribed() {
        let fields = ImageCheckOptions.fields
        #expect(Set(fields.map(\.name)).count == fields.count)
        for field in fields {
            #expect(!field.help.isEmpty, "\(field.name)")
            #expect(field.name == field.name.lowercased(), "\(field.name)")
        }
        let defaults = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.defaultValue) })
        #expect(defaults["min_width"] == .integer(32))
        #expect(defaults["max_pixels"] == .integer(40_000_000))
        #expect(defaults["reject_animated"] == .boolean(true))
    }

    @Test func reasonCodesAreDeclaredOnce() {
        let codes = ImageCheck.reasonCodes.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in ImageCheck.reasonCodes {
            let family = code.code.split(separator: ".").first.map(String.init) ?? ""
            #expect(family == "image" || ImageFormat(rawValue: family) != nil, "\(code.code)")
            #expect(code.meaning.count > 20 && code.hint.count > 10, "\(code.code)")
        }
    }

    @Test func everyCodeGivenIsDeclared() throws {
        let declared = Set(ImageCheck.reasonCodes.map(\.code))
        let stage = try Fixture.stage()
        var given = Set<String>()
        for name in try Fixture.pngSuiteFiles() {
            given.formUnion(try stage.analyze(try Fixture.input(Fixture.pngSuite + "/" + name)).codes)
        }
        for (file, _) in HostileFileTests.expected {
            given.formUnion(try stage.analyze(try Fixture.input(HostileFiles.path(file))).codes)
        }
        #expect(given.isSubset(of: declared), "undeclared: \(given.subtracting(declared))")
    }

    @Test func concurrentDecodesAgreeWithSerialOnes() throws {
        let stage = try Fixture.stage(Fixture.permissive)
        let inputs = try Fixture.pngSuiteFiles().map { try Fixture.input(Fixture.pngSuite + "/" + $0) }
        let serial = try inputs.map { try stage.analyze($0) }
        let results = ConcurrentResults(count: inputs.count * 4)
        DispatchQueue.concurrentPerform(iterations: inputs.count * 4) { i in
            let finding = try? stage.analyze(inputs[i % inputs.count])
            results.set(i, (finding?.fingerprint as? ImageFingerprint)?.pixelHash ?? 0, finding?.codes ?? ["failed"])
        }
        for i in 0..<(inputs.count * 4) {
            let expected = serial[i % inputs.count]
            let got = results.get(i)
            #expect(got.hash == ((expected.fingerprint as? ImageFingerprint)?.pixelHash ?? 0))
            #expect(got.codes == expected.codes)
        }
    }

    /// Swift must never call libpng (a longjmp would unwind Swift frames): only the C shim may
    /// import CPNG, and the shim's public header must not expose libpng.
    @Test func onlyTheShimTouchesLibpng() throws {
        let root = Fixture.packageRoot
        let fm = FileManager.default
        var offenders: [String] = []
        for folder in ["Sources", "Plugins"] {
            guard let walker = fm.enumerator(atPath: root + "/" + folder) else { continue }
            for case let path as String in walker where path.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root + "/" + folder + "/" + path, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    if words.count >= 2, words.contains("import"), words.last == "CPNG" { offenders.append(path) }
                    if line.contains("png_read") || line.contains("png_create") || line.contains("setjmp(") {
                        offenders.append(path)
                    }
                }
            }
        }
        #expect(offenders == [])
        let header = try String(contentsOfFile: root + "/Sources/CImageShim/include/png_shim.h", encoding: .utf8)
        #expect(!header.contains("#include <png.h>"))
        #expect(PNGDecoder.libpngVersion >= 10600)
    }
}

/// Results written from concurrent iterations, each slot by one iteration.
final class ConcurrentResults: @unchecked Sendable {
    // @unchecked: every index is written by exactly one iteration, read after they all finish.
    private var hashes: [UInt64]
    private var codes: [[String]]
    private let lock = NSLock()

    init(count: Int) {
        hashes = Array(repeating: 0, count: count)
        codes = Array(repeating: [], count: count)
    }

    func set(_ i: Int, _ hash: UInt64, _ c: [String]) {
        lock.lock()
        hashes[i] = hash
        codes[i] = c
        lock.unlock()
    }

    func get(_ i: Int) -> (hash: UInt64, codes: [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (hashes[i], codes[i])
    }
}
