/// The intake checks that need no reading: kind of file, links, time, emptiness, size.
public struct IntakeRules: Sendable {
    /// Files larger than this many bytes are refused before they are read.
    public let maxFileBytes: Int64

    /// The checks for a datanet whose largest file is `maxFileBytes` bytes.
    public init(maxFileBytes: Int64) {
        self.maxFileBytes = maxFileBytes
    }

    /// Builds the discovered file for `path` (absolute) whose canonical root is `realRoot`.
    public func examine(path: String, relative: String, contributor: String, modality: String,
                 realRoot: String, manifestTime: Int64? = nil) -> DiscoveredFile {
        var submission = Submission(root: realRoot, path: relative, absolutePath: path, contributor: contributor,
                                    modalityName: modality, submittedAt: manifestTime ?? 0, bytes: 0)
        func refuse(_ code: ReasonCode, _ message: String, value: ReasonValue? = nil, limit: ReasonValue? = nil) -> DiscoveredFile {
            DiscoveredFile(submission: submission, refusal: Reason(code, stage: "intake", message: message, value: value, limit: limit))
        }
        guard let link = FileStatus(path: path, followLinks: false) else {
            return refuse(CoreReasons.unreadable, "cannot examine the file (it vanished or is not accessible)")
        }
        let status = link
        if link.kind == .symlink {
            guard let target = FileStatus.realPath(path), let resolved = FileStatus(path: target, followLinks: true) else {
                return refuse(CoreReasons.symlinkEscape, "the symbolic link points nowhere")
            }
            guard target == realRoot || target.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
                return refuse(CoreReasons.symlinkEscape, "the symbolic link leaves the folder being judged", value: .text(target))
            }
            // Inside the folder, a link would still let one contributor take another's file (and
            // its place in canonical order): it is refused, and the target is judged as itself.
            _ = resolved
            submission.submittedAt = min(max(manifestTime ?? link.modified, RFC3339.earliest), RFC3339.latest)
            submission.stat = link.signature
            let inside = String(target.dropFirst(realRoot.count).drop { $0 == "/" })
            return refuse(CoreReasons.symlink, "the path is a symbolic link (to \(inside)); submit the file itself", value: .text(inside))
        }
        let time = manifestTime ?? status.modified
        submission.submittedAt = min(max(time, RFC3339.earliest), RFC3339.latest)
        submission.bytes = status.size
        submission.stat = status.signature
        if time != submission.submittedAt {
            return refuse(CoreReasons.badTime, "the submission time \(time) s since 1970 is outside 1970–9999", value: .number(Double(time)))
        }
        if submission.modality == nil {
            return refuse(CoreReasons.unknownModality, "'\(modality)' is not a modality folder; use text, image or audio", value: .text(modality))
        }
        switch status.kind {
        case .regular: break
        case .directory: return refuse(CoreReasons.notRegular, "the path is a directory, not a file")
        case .special, .symlink: return refuse(CoreReasons.notRegular, "the path is a FIFO, socket or device, not a regular file")
        }
        if status.size == 0 { return refuse(CoreReasons.empty, "the file is empty", value: 0) }
        if status.size > maxFileBytes {
            return refuse(CoreReasons.tooLarge, "the file is larger than max_file_bytes; it was not read",
                          value: .number(Double(status.size)), limit: .number(Double(maxFileBytes)))
        }
        return DiscoveredFile(submission: submission, sharedInode: status.sharedInode)
    }
}
