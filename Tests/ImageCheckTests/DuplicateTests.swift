import AssayCore
import Foundation
import ImageCheck
import Testing

/// Exact duplicates (same decoded pixels) and near duplicates (perceptual hashes within a Hamming distance).
@Suite struct DuplicateTests {
    private func input(_ name: String) throws -> FileInput { try Fixture.input(HostileFiles.path(name)) }

    @Test func samePixelsInAnotherEncodingIsAnExactDuplicate() throws {
        let pipeline = StageRun(stage: try Fixture.stage())
        #expect(try pipeline.judge(try input("good.png")).codes == [])
        let copy = try pipeline.judge(try input("same_pixels_rgba.png"))
        #expect(copy.codes == ["image.dup_exact"])
        #expect(copy.duplicateOf?.path == "alice/image/good.png")
    }

    @Test func aSlightlyAlteredCopyIsANearDuplicate() throws {
        let pipeline = StageRun(stage: try Fixture.stage())
        _ = try pipeline.judge(try input("good.png"))
        for name in ["near_copy.png", "brighter_copy.png", "scaled_copy.png"] {
            let near = try pipeline.judge(try input(name))
            #expect(near.codes == ["image.dup_near"], "\(name)")
            #expect(near.duplicateOf?.path == "alice/image/good.png")
        }
        #expect(try pipeline.judge(try input("other.png")).codes == [])
        #expect(pipeline.index.count == 2)
    }

    @Test func differentPicturesAreFarApart() throws {
        let stage = try Fixture.stage()
        func print(_ name: String) throws -> ImageFingerprint {
            try #require(try stage.analyze(try input(name)).fingerprint as? ImageFingerprint)
        }
        let good = try print("good.png")
        #expect(good.distance(to: try print("near_copy.png")) <= 3)
        #expect(good.distance(to: try print("other.png")) >= 16)
        #expect(good.distance(to: try print("logo_on_transparent.png")) >= 16)
    }

    @Test func switchedOffDuplicatesPass() throws {
        var options = ImageCheckOptions()
        options.exactDuplicates = false
        options.nearDuplicates = false
        let pipeline = StageRun(stage: try Fixture.stage(options))
        for name in ["good.png", "same_pixels_rgba.png", "near_copy.png"] {
            #expect(try pipeline.judge(try input(name)).codes == [])
        }
        // Exact off, near on: an exact copy is a near duplicate at distance 0.
        options.nearDuplicates = true
        let nearOnly = StageRun(stage: try Fixture.stage(options))
        _ = try nearOnly.judge(try input("good.png"))
        let copy = try nearOnly.judge(try input("same_pixels_rgba.png"))
        #expect(copy.codes == ["image.dup_near"])
    }

    @Test func probingFindsEveryHashWithinTheDistance() {
        // Hashes at every distance 0...11 from a base, placed in every band pattern.
        let base = ImageFingerprint(pixelHash: 1, perceptualHash: 0x0123_4567_89AB_CDEF, width: 8, height: 8)
        var generator = SystemRandomNumberGenerator()
        for distance in 0...11 {
            for _ in 0..<50 {
                var bits = Set<Int>()
                while bits.count < distance { bits.insert(Int.random(in: 0..<64, using: &generator)) }
                let flipped = bits.reduce(base.perceptualHash) { $0 ^ (1 << UInt64($1)) }
                let other = ImageFingerprint(pixelHash: 2, perceptualHash: flipped, width: 8, height: 8)
                #expect(other.distance(to: base) == distance)
                let probes = Set(base.probeKeys(distance: distance))
                #expect(!probes.isDisjoint(with: other.bandKeys), "distance \(distance) missed")
            }
        }
        // Three bands of 21, 21 and 22 bits, each probed within distance / 3 bit flips.
        #expect(base.probeKeys(distance: 2).count == 3)
        #expect(base.probeKeys(distance: 3).count == 22 + 22 + 23)
        #expect(base.probeKeys(distance: 7).count == 2 * (1 + 21 + 210) + (1 + 22 + 231))
        #expect(base.probeKeys(distance: 11, exactBands: true).count == 3)
    }

    @Test func payloadRoundTrips() throws {
        let print = ImageFingerprint(pixelHash: 0xFEDC_BA98_7654_3210, perceptualHash: 42, width: 30000, height: 7)
        #expect(ImageFingerprint(encoded: print.encoded) == print)
        #expect(ImageFingerprint(encoded: [1, 2, 3]) == nil)
        #expect(!print.bandKeys.contains(try #require(print.exactKey)))
    }

    @Test func theIndexSurvivesAReloadFromTheLedger() throws {
        let stage = try Fixture.stage()
        let first = StageRun(stage: stage)
        _ = try first.judge(try input("good.png"))
        // What the runner writes to the ledger, loaded into a fresh index.
        let reloaded = DuplicateIndex(stage: ImageCheck.name)
        for entry in first.index.takeChanges() { reloaded.load(entry) }
        let copy = try input("same_pixels_rgba.png")
        let decision = stage.decide(try stage.analyze(copy), of: Fixture.judgement(copy), index: reloaded)
        #expect(decision.reasons.map(\.code) == ["image.dup_exact"])
    }
}
