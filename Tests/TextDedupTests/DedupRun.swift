import AssayCore
import Foundation
@testable import TextDedup

/// Drives `text-dedup` the way the engine does: analyze, then decide in order, then admit only
/// the files that pass (and that no other stage rejected).
final class DedupRun {
    let validator: TextDedup
    let index: DuplicateIndex

    init(options: TextDedupOptions = TextDedupOptions(), index: DuplicateIndex = DuplicateIndex(stage: TextDedup.name)) throws {
        validator = try TextDedup(options: options)
        self.index = index
    }

    /// Judges one file; admits it when it passes and `otherStagesPass`.
    @discardableResult
    func judge(_ path: String, _ bytes: [UInt8], otherStagesPass: Bool = true, excluding: String? = nil) throws -> Decision {
        let input = FileInput(
            submission: Submission(root: "/", path: path, absolutePath: "/nonexistent/" + path, contributor: "c1", modalityName: "text",
                                   submittedAt: 1_700_000_000, bytes: Int64(bytes.count)),
            bytes: bytes, sha256: TextFingerprint.sha256(bytes).map { String(format: "%02x", $0) }.joined(), mime: "text/plain")
        let finding = try validator.analyze(input)
        let judgement = Verdict(root: "/", path: path, contributor: "c1", modality: "text", bytes: Int64(bytes.count), sha256: input.sha256,
                                  mime: "text/plain", submittedAt: 1_700_000_000, verdict: .accepted, reasons: [], metrics: [:],
                                  duplicateOf: nil)
        let decision = validator.decide(finding, of: judgement, index: index, excluding: excluding)
        if decision.reasons.isEmpty, otherStagesPass, let fingerprint = finding.fingerprint {
            index.admit(judgement, fingerprint: fingerprint)
        }
        return decision
    }
}

extension Decision {
    /// The codes of the reasons.
    var codes: [String] { reasons.map(\.code) }
}
