import Foundation

/// The contributor's pre-check: the same ``Pipeline`` as a run (intake, stages, decide), on
/// files named one by one. With a curator's ledger (opened read only, never written) a file is
/// also decided against what the datanet already accepted: a copy of an accepted file is
/// reported as its duplicate, and the day's quota counts what the ledger admitted.
public struct CheckSession {
    private let pipeline: Pipeline
    private let ledger: Ledger?
    /// The modality each known file extension stands for (``ValidatorRegistry/modalityOfExtension``).
    private let extensions: [String: Modality]

    /// A session for `pipeline`, deciding against `ledger` when one is given; a file outside
    /// any modality folder is taken as the modality its extension has in `extensions`.
    public init(pipeline: Pipeline, ledger: Ledger? = nil, extensions: [String: Modality]) {
        self.pipeline = pipeline
        self.ledger = ledger
        self.extensions = extensions
    }

    /// The contributor and modality of a checked path: the contributor from a
    /// `CONTRIBUTOR/MODALITY/` part of the path (else "you"); the modality `stated` with
    /// `--modality` when given, else that folder's, else the file extension's (any case); nil
    /// when none of these tells.
    public static func place(of path: String, stated: Modality? = nil, extensions: [String: Modality]) -> (contributor: String, modality: Modality?) {
        let parts = path.split(separator: "/").map(String.init)
        if let at = parts.dropLast().lastIndex(where: { Modality(rawValue: $0) != nil }) {
            return (at > 0 ? parts[at - 1] : "you", stated ?? Modality(rawValue: parts[at]))
        }
        return ("you", stated ?? extensions[(path as NSString).pathExtension.lowercased()])
    }

    /// What `check` says when it cannot tell a file's modality.
    func unknownModality(_ path: String) -> Reason {
        let ext = (path as NSString).pathExtension
        let known = extensions.keys.sorted().map { "." + $0 }.joined(separator: " ")
        let which = ext.isEmpty ? "it has no extension" : "its extension .\(ext) is not one Assay knows (\(known))"
        return Reason(CoreReasons.unknownModality, stage: "intake",
                      message: "cannot tell whether this is text, image or audio: \(which), and no text/, image/ or audio/ folder is on its path; "
                          + "say which with --modality text, image or audio", value: ext.isEmpty ? nil : .text(ext))
    }

    /// `paths` with each folder replaced by the regular files under it (links not followed),
    /// sorted, as linters take a folder; hidden files and folders are skipped.
    public static func expandFolders(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            guard FileStatus(path: path, followLinks: true)?.kind == .directory else { return [path] }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            let enumerator = FileManager.default.enumerator(atPath: base)
            while let relative = enumerator?.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                if FileStatus(path: base + "/" + relative, followLinks: false)?.kind == .regular { found.append(base + "/" + relative) }
            }
            return found.sorted()
        }
    }

    /// A warning for the contributor when the ledger was judged under other decide rules than
    /// this config's (its duplicates and quotas then answer for a different datanet), or nil.
    public func ledgerWarning() throws(LedgerError) -> String? {
        guard let ledger, let stored = try ledger.decideState().decideFingerprint, stored != pipeline.config.decideFingerprint else { return nil }
        return "the ledger \(ledger.path) was judged with other limits or duplicate options than this config; "
            + "its duplicates and quotas may not be this config's (check with the curator's config)"
    }

    /// Judges each file and returns the verdicts in the order given. Files are decided in
    /// canonical order (submission time, then path), as a run would: a file's copy checked with
    /// it is a duplicate only of an earlier one, and each file's day counts what came before it.
    ///
    /// `modality` is what the contributor said with `--modality`: it applies to every file.
    public func check(paths: [String], modality: Modality? = nil) throws(LedgerError) -> [Verdict] {
        let decider = pipeline.decider()
        let rules = IntakeRules(maxFileBytes: pipeline.config.limits.maxFileBytes)
        let analyzer = pipeline.analyzer(rejudge: true)
        let cwd = FileStatus.realPath(FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        let files = paths.map { path -> DiscoveredFile in
            let absolute = (path.hasPrefix("/") ? path : cwd + "/" + path) as NSString
            let place = Self.place(of: path, stated: modality, extensions: extensions)
            var file = rules.examine(path: absolute.standardizingPath, relative: path, contributor: place.contributor,
                                     modality: place.modality?.rawValue ?? "unknown", realRoot: "/")
            file.submission.root = cwd
            if place.modality == nil, file.refusal?.code == CoreReasons.unknownModality.code { file.refusal = unknownModality(path) }
            return file
        }
        let checked = Set(files.compactMap { FileStatus.realPath($0.submission.absolutePath) })
        // The ledger's verdicts from its stale mark on are not current (a run was stopped).
        let mark = try ledger?.decideState().mark
        if let ledger { try ledger.loadIndexes(decider.duplicateIndexes, before: mark) }
        let order = files.indices.sorted { files[$0].submission.key < files[$1].submission.key }
        var verdicts = [Verdict?](repeating: nil, count: files.count)
        var admittedEarlier: [QuotaUsage] = []
        for at in order {
            let submission = files[at].submission
            // This file's quota window: what the ledger admitted in it, then the files checked before it.
            decider.resetQuota()
            let window = decider.quotaWindowStart(for: submission.submittedAt)...submission.submittedAt
            if let ledger { try ledger.admittedUsage(window: window, before: mark, excluding: checked) { decider.countAdmitted($0) } }
            for earlier in admittedEarlier where window.contains(earlier.time) { decider.countAdmitted(earlier) }
            // The daily limits before reading, as `run` decides them.
            let found = FileWork(submission: submission, refusal: files[at].refusal, stored: nil)
            let usage = QuotaUsage(submission, bytes: submission.bytes)
            let admission = decider.counts(found) ? decider.admit(usage) : nil
            let work = FileWork(submission: submission, refusal: files[at].refusal, stored: nil, admission: admission)
            let analysis = analyzer.analyze(work)
            decider.excluding = FileStatus.realPath(submission.absolutePath)
            let settled = decider.settle(work, analysis)
            if settled.admitted { admittedEarlier.append(usage) }
            verdicts[at] = settled.verdict
        }
        return verdicts.compactMap { $0 }
    }
}
