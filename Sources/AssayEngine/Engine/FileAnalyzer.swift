/// The parallel, pure part of judging one file: read once, hash once, sniff, pass the intake
/// gate, run every applicable stage's `analyze`, reusing what the ledger stored wherever the
/// file's `stat` and the stage's options are unchanged. Safe to call from any number of threads.
public struct FileAnalyzer: Sendable {
    let stages: [Stage]
    let gate: IntakeGate
    let sniffer: any MIMESniffer
    let reader: FileReader
    /// Ignore everything stored: read, sniff and analyze every file again.
    let rejudge: Bool
    /// Never trust an unchanged `stat`: read and hash every file, reuse findings by hash only.
    var verify = false
    /// CPU seconds one stage may spend on one file.
    let stageTimeout: Double
    /// Run again the stages that ran out of their CPU budget on a file before (`--retry-errors`);
    /// otherwise such a timeout, stored with the budget it had, stands while the file, the
    /// stage's options and the budget are unchanged.
    var retryErrors = false
    /// PDFs and DOCX in text folders become their text before the text stages (``DocumentStage``).
    var documents = DocumentStage.standard

    /// The stored finding as this run uses it: a stored timeout becomes the failure again, unless
    /// the budget grew since or `--retry-errors` asks to run the stage again (nil: run it).
    private func reuse(_ kept: StoredFinding) -> StageResult? {
        guard let timeout = kept.finding.reasons.first(where: { $0.code == CoreReasons.stageTimeout.code }) else {
            return .finding(kept.finding)
        }
        guard !retryErrors, case let .number(budget)? = timeout.limit, budget >= stageTimeout else { return nil }
        return .failure(StageFailure(code: timeout.code, message: timeout.message))
    }

    /// What intake and every applicable stage make of `work`'s file: the bytes read once, stored
    /// findings reused where still valid, a refusal or stage failure as a result, never a throw.
    public func analyze(_ work: FileWork) -> FileAnalysis {
        let submission = work.submission
        if let refusal = work.refusalBeforeReading {
            return FileAnalysis(refused: refusal, bytes: submission.bytes, stageCount: stages.count)
        }
        guard let modality = submission.modality else {
            return FileAnalysis(refused: Reason(CoreReasons.unknownModality, stage: "intake", message: "unknown modality folder"),
                                bytes: submission.bytes, stageCount: stages.count)
        }
        let stored = rejudge ? nil : work.stored
        // Unchanged since it was read, with every finding still valid: no need to read it at all.
        if !verify, let stored, stored.stat == submission.stat, !submission.stat.isEmpty {
            if let refusal = gate.refusal(modality: modality, mime: stored.mime) {
                return FileAnalysis(refused: refusal, bytes: stored.bytes, stageCount: stages.count, sha256: stored.sha256, mime: stored.mime)
            }
            // A document's stored extraction decides first (a problem ends the analysis there);
            // without a valid one the document is read and extracted again.
            let document: StageResult? = modality == .text && DocumentFormat(mime: stored.mime) != nil
                ? stored.findings[DocumentStage.name].flatMap { $0.stageFingerprint == documents.fingerprint ? reuse($0) : nil }
                : .notApplicable
            if let document {
                if let ended = ended(by: document, bytes: stored.bytes, sha256: stored.sha256, mime: stored.mime, read: false) {
                    return ended
                }
                let reused = stages.map { stage -> StageResult? in
                    guard stage.validator.appliesTo.contains(modality) else { return .notApplicable }
                    guard let kept = stored.findings[stage.name], kept.stageFingerprint == stage.fingerprint else { return nil }
                    return reuse(kept)
                }
                if reused.allSatisfy({ $0 != nil }) {
                    var analysis = FileAnalysis(bytes: stored.bytes, sha256: stored.sha256, mime: stored.mime, sniffFailure: nil,
                                                results: reused.compactMap { $0 }, fresh: [], read: false)
                    analysis.document = document
                    return analysis
                }
            }
        }
        let bytes: [UInt8]
        do throws(FileReader.Failure) {
            bytes = try reader.load(submission.absolutePath)
        } catch {
            switch error {
            case let .refused(code, message, value, limit):
                return FileAnalysis(refused: Reason(code, stage: "intake", message: message, value: value, limit: limit),
                                    bytes: submission.bytes, stageCount: stages.count, read: true)
            }
        }
        let size = Int64(bytes.count)
        // The daily limits counted the size discovery saw: a file that grew (or shrank) since is
        // not judged on bytes the limits never counted.
        if size != submission.bytes {
            return FileAnalysis(refused: Reason(CoreReasons.changedWhileRead, stage: "intake",
                                                message: "the file is \(size) bytes now but was \(submission.bytes) bytes when the daily limits were decided; it is judged again on the next run",
                                                value: .number(Double(size)), limit: .number(Double(submission.bytes))),
                                bytes: submission.bytes, stageCount: stages.count, read: true)
        }
        let sha = ContentHash.sha256(bytes)
        let sameBytes = stored.map { $0.sha256 == sha } ?? false
        let mime: String
        if sameBytes, let stored, modality != .text {
            mime = stored.mime
        } else {
            do throws(StageFailure) {
                // Text is sniffed again: it costs a UTF-8 scan, and the gate's rules may have changed.
                mime = modality == .text ? TextSniff.mime(try TextSniff.sniff(bytes, with: sniffer)) : try sniffer.mimeType(of: bytes)
            } catch {
                return FileAnalysis(bytes: size, sha256: sha, mime: nil,
                                    sniffFailure: Reason(CoreReasons.sniffFailed, stage: "intake", message: error.message),
                                    results: Array(repeating: .notApplicable, count: stages.count), fresh: [], read: true)
            }
        }
        if let refusal = gate.refusal(modality: modality, mime: mime) {
            var analysis = FileAnalysis(refused: refusal, bytes: size, stageCount: stages.count, sha256: sha, mime: mime, read: true)
            analysis.newContent = !sameBytes
            return analysis
        }
        var input = FileInput(submission: submission, bytes: bytes, sha256: sha, mime: mime)
        let sniffed = SniffedType(mime: mime)
        if modality == .text, sniffed.type.hasPrefix("text/"), let charset = sniffed.charset, charset != "utf-8", charset != "us-ascii" {
            // Every text stage reads UTF-8: text in another character set the gate let through is decoded once, here.
            guard let text = TextDecoding.utf8(bytes, charset: charset) else {
                var analysis = FileAnalysis(refused: Reason(CoreReasons.modalityMismatch, stage: "intake",
                                                            message: "the content is not valid \(charset) text; convert it to UTF-8: `iconv -f \(charset.uppercased()) -t UTF-8 in.txt > out.txt`",
                                                            value: .text(mime), limit: .text(charset)),
                                            bytes: size, stageCount: stages.count, sha256: sha, mime: mime, read: true)
                analysis.newContent = !sameBytes
                return analysis
            }
            input = FileInput(submission: submission, bytes: text, sha256: ContentHash.sha256(text), mime: sniffed.type)
        }
        var fresh: [(stage: String, stageFingerprint: String, finding: Finding)] = []
        var document = StageResult.notApplicable
        if modality == .text, let format = DocumentFormat(mime: mime) {
            // The text stages judge the document's text, as a UTF-8 text file of those bytes.
            let result: StageResult
            var text: [UInt8] = []
            var refusal: Reason?
            switch documents.run(bytes, format: format, seconds: stageTimeout) {
            case let .text(extracted, finding):
                text = extracted.bytes
                result = .finding(finding)
            case let .refused(reason, finding):
                refusal = reason
                result = .finding(finding)
            case let .rejected(finding):
                result = .finding(finding)
            case let .failed(failure, finding):
                result = .failure(failure)
                if let finding { fresh.append((DocumentStage.name, documents.fingerprint, finding)) }
            }
            if case let .finding(finding) = result { fresh.append((DocumentStage.name, documents.fingerprint, finding)) }
            if var ended = ended(by: result, bytes: size, sha256: sha, mime: mime, read: true, refusal: refusal) {
                ended.fresh = fresh
                ended.newContent = !sameBytes
                return ended
            }
            document = result
            input = FileInput(submission: submission, bytes: text, sha256: ContentHash.sha256(text), mime: DocumentFormat.extractedMIME)
        }
        let results = stages.map { stage -> StageResult in
            guard stage.validator.appliesTo.contains(modality) else { return .notApplicable }
            if sameBytes, let kept = stored?.findings[stage.name], kept.stageFingerprint == stage.fingerprint, let result = reuse(kept) {
                return result
            }
            input.budget = StageBudget(seconds: stageTimeout)
            // A timeout is stored, with its budget, so the next run does not spend it again.
            func timedOut(_ failure: StageFailure) -> StageResult {
                let reason = Reason(CoreReasons.stageTimeout, stage: stage.name, message: failure.message, limit: .number(stageTimeout))
                fresh.append((stage.name, stage.fingerprint, Finding(reasons: [reason])))
                return .failure(failure)
            }
            do throws(StageFailure) {
                let finding = try stage.validator.analyze(input)
                if input.budget.exceeded { return timedOut(StageBudget.failure(seconds: stageTimeout, used: input.budget.used)) }
                fresh.append((stage.name, stage.fingerprint, finding))
                return .finding(finding)
            } catch {
                return error.code == CoreReasons.stageTimeout.code ? timedOut(error) : .failure(error)
            }
        }
        var analysis = FileAnalysis(bytes: size, sha256: sha, mime: mime, sniffFailure: nil, results: results, fresh: fresh, read: true)
        analysis.newContent = !sameBytes
        analysis.document = document
        return analysis
    }

    /// The analysis of a document whose extraction ends it before the text stages: refused (a PDF
    /// with pictures: `refusal`, or the stored finding's `document.pdf_images`), rejected (the
    /// finding's reasons) or failed; nil when the text stages are to run.
    private func ended(by document: StageResult, bytes: Int64, sha256: String, mime: String, read: Bool, refusal: Reason? = nil) -> FileAnalysis? {
        let none = Array(repeating: StageResult.notApplicable, count: stages.count)
        switch document {
        case .notApplicable:
            return nil
        case .failure:
            var analysis = FileAnalysis(bytes: bytes, sha256: sha256, mime: mime, sniffFailure: nil, results: none, fresh: [], read: read)
            analysis.document = document
            return analysis
        case let .finding(finding):
            guard !finding.reasons.isEmpty else { return nil }
            if let refusal = refusal ?? finding.reasons.first(where: { $0.code == DocumentReasons.pdfImages.code }) {
                var analysis = FileAnalysis(refused: refusal, bytes: bytes, stageCount: stages.count, sha256: sha256, mime: mime, read: read)
                analysis.document = document
                return analysis
            }
            var analysis = FileAnalysis(bytes: bytes, sha256: sha256, mime: mime, sniffFailure: nil, results: none, fresh: [], read: read)
            analysis.document = document
            return analysis
        }
    }
}
