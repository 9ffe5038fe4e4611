/// The parallel, pure part of judging one file: read once, hash once, sniff, check the modality,
/// run every applicable stage's `analyze`. Safe to call from any number of threads.
struct FileJudge: Sendable {
    let config: AssayConfig
    let sniffer: any MIMESniffer
    let fingerprint: String
    let rejudge: Bool
    let reader: FileReader

    init(config: AssayConfig, sniffer: any MIMESniffer, rejudge: Bool) {
        self.config = config
        self.sniffer = sniffer
        self.fingerprint = config.fingerprint
        self.rejudge = rejudge
        self.reader = FileReader(maxFileBytes: config.limits.maxFileBytes)
    }

    func judge(_ file: DiscoveredFile, prior: PriorVerdict?) -> FileOutcome {
        if let refusal = file.refusal { return .refused(sha256: nil, mime: nil, refusal) }
        let submission = file.submission
        let bytes: [UInt8]
        do throws(FileReader.Failure) {
            bytes = try reader.load(submission.absolutePath)
        } catch {
            switch error {
            case let .refused(code, message, value, limit):
                return .refused(sha256: nil, mime: nil, Reason(code, stage: "intake", message: message, value: value, limit: limit))
            }
        }
        let sha = ContentHash.sha256(bytes)
        if !rejudge, let prior, prior.sha256 == sha, prior.fingerprint == fingerprint, prior.verdict != .error {
            return .unchanged(prior)
        }
        let mime: String
        do {
            mime = try sniffer.mimeType(of: bytes)
        } catch {
            return .failed(sha256: sha, mime: nil, Reason(CoreReasons.sniffFailed, stage: "intake", message: error.message))
        }
        guard let modality = submission.modality else {
            return .refused(sha256: sha, mime: mime, Reason(CoreReasons.unknownModality, stage: "intake", message: "unknown modality folder"))
        }
        guard config.modalities.allows(mime, in: modality) else {
            let allowed = (config.modalities.allowed[modality] ?? []).joined(separator: ", ")
            return .refused(sha256: sha, mime: mime, Reason(
                CoreReasons.modalityMismatch, stage: "intake",
                message: "the content is \(mime), which the \(modality.rawValue) folder does not take (allowed: \(allowed))",
                value: .text(mime), limit: .text(allowed)))
        }
        let input = FileInput(submission: submission, bytes: bytes, sha256: sha, mime: mime)
        let results = config.pipeline.map { stage -> StageResult in
            guard stage.validator.appliesTo.contains(modality) else { return .notApplicable }
            do throws(StageFailure) {
                return .finding(try stage.validator.analyze(input))
            } catch {
                return .failure(error)
            }
        }
        return .analyzed(sha256: sha, mime: mime, results: results)
    }
}
