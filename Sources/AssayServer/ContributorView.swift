import AssayCore
import AssayKit
import AssayPlugins
import Foundation

/// What a contributor is shown of a verdict: the verdict line as `assay run --verdicts` writes
/// it, with each reason's hint (what to do about it, as `assay check` prints it), except that a
/// file of another contributor is never named (a duplicate's `duplicate_of`, and its path wherever
/// a message quotes it, read `another contributor's file`); the API adds the `upload` object.
enum ContributorView {
    /// The words that stand for another contributor's file.
    static let otherFile = "another contributor's file"

    /// `line` as `contributor` may see it.
    static func line(_ line: String, for contributor: String) -> String {
        guard var verdict = try? JSONDecoder().decode(Verdict.self, from: Data(line.utf8)) else { return line }
        let registry = BuiltinValidators.registry
        for index in verdict.reasons.indices where verdict.reasons[index].hint == nil {
            verdict.reasons[index].hint = registry.hint(for: verdict.reasons[index].code)
        }
        let line = VerdictLine.encode(verdict)
        guard let original = verdict.duplicateOf else { return line }
        let owner = original.path.split(separator: "/").map(String.init)
        let layoutOwners = owner.count >= 2 ? [owner[0], owner[1]] : owner
        guard !layoutOwners.contains(contributor) else { return line }
        // The path as it appears inside the line's JSON strings (escaped as the writer escapes it).
        let escaped = String(Reply.quoted(original.path).dropFirst().dropLast())
        return line.replacingOccurrences(of: escaped, with: otherFile)
    }

    /// The verdict line with the `upload` object added as its last key.
    static func withUpload(_ line: String, _ upload: ServeUpload) -> String {
        guard line.hasSuffix("}") else { return line }
        return String(line.dropLast()) + ",\"upload\":" + Reply.render(uploadObject(upload)) + "}"
    }

    /// The upload as the API shows it to its contributor.
    static func uploadObject(_ upload: ServeUpload) -> JSONValue {
        .object([
            ("id", .string(upload.id)),
            ("datanet", .string(upload.datanet)),
            ("name", .string(upload.name)),
            ("modality", .string(upload.modality)),
            ("bytes", .number(Double(upload.bytes))),
            ("sha256", .string(upload.sha256)),
            ("submitted_at", .string(RFC3339.format(upload.submittedAt))),
        ])
    }
}
