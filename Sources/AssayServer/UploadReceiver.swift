import AssayCore
import AssayKit
import Foundation
import Hummingbird

/// What became of one upload request.
enum UploadOutcome: Sendable {
    /// Kept and judged: the contributor's view of its verdict line.
    case judged(upload: ServeUpload, line: String)
    /// Kept; its analysis takes longer than the server waits (`202`, poll the status URL).
    case pending(upload: ServeUpload)
    /// Not kept: why, as the API answers it.
    case refused(status: HTTPResponse.Status, code: String, message: String, more: [(String, JSONValue)], retryAfter: Int64?)
}

/// A refusal met while the body is still arriving; nothing of the upload is kept.
private struct Refusal: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var more: [(String, JSONValue)] = []
}

extension AssayServer {
    /// Receives an upload for `account` into `judge`'s datanet: streams the body (a multipart
    /// `file` field, or the raw body named by `name`) to the spool, refusing past the datanet's
    /// `max_file_bytes` while it streams (`413`), decides the daily limits (`429`), then waits up
    /// to ``ServerSettings/answerWithin`` seconds for the verdict.
    func receive(_ request: Request, account: ServeAccount, judge: DatanetJudge, name: String?, modality stated: String?) async throws -> UploadOutcome {
        let datanet = judge.datanet
        let config = datanet.pipeline.config
        let limit = config.limits.maxFileBytes
        let contentType = request.headers[.contentType] ?? ""
        var multipart = MultipartStream(contentType: contentType)
        if contentType.lowercased().hasPrefix("multipart/"), multipart == nil {
            return .refused(status: .badRequest, code: "bad_multipart", message: "a multipart body needs multipart/form-data with a boundary", more: [], retryAfter: nil)
        }
        let id = Self.newUploadID()
        let spoolPath = datanet.spool + "/" + id + ".part"
        var spool: SpoolFile?
        var fileName: UploadName?
        var modality: Modality?
        let extensions = settings.extensions

        func begin(_ clientName: String) throws {
            let reduced = UploadName(clientName)
            let chosen: Modality
            if let stated {
                guard let known = Modality(rawValue: stated) else {
                    throw Refusal(status: .badRequest, code: "bad_modality", message: "modality must be text, image or audio, got '\(stated)'")
                }
                chosen = known
            } else if let known = extensions[reduced.fileExtension] {
                chosen = known
            } else {
                throw Refusal(status: .unsupportedMediaType, code: "unknown_type",
                              message: "cannot tell the modality of '\(clientName)' from its extension; name it .txt, .png, .wav (…) or say ?modality=text|image|audio",
                              more: [("extensions", .array(extensions.keys.sorted().map { .string($0) }))])
            }
            guard config.modalities.open.contains(chosen) else {
                throw Refusal(status: .unsupportedMediaType, code: "modality_closed",
                              message: "the datanet \(datanet.name) does not collect \(chosen.rawValue) files",
                              more: [("modalities", .array(config.modalities.open.sorted().map { .string($0.rawValue) }))])
            }
            do {
                spool = try SpoolFile(path: spoolPath, limit: limit)
            } catch {
                throw ServeFailure("\(error)")
            }
            fileName = reduced
            modality = chosen
        }

        var sha256 = ""
        do {
            if multipart == nil {
                guard let name, !name.isEmpty else {
                    throw Refusal(status: .badRequest, code: "no_name", message: "a raw upload names its file: POST …/files?name=notes.txt (or send multipart/form-data with a 'file' field)")
                }
                try begin(name)
            }
            // The whole request may exceed the file by its multipart framing, not by more.
            let requestLimit = limit + 64 * 1024
            var received: Int64 = 0
            var inFile = false
            var fileDone = false
            for try await buffer in request.body {
                received += Int64(buffer.readableBytes)
                if received > requestLimit { throw SpoolFile.Problem.tooLarge(limit: limit) }
                if multipart != nil {
                    try multipart?.feed(buffer.readableBytesView) { event in
                        switch event {
                        case let .part(field, filename):
                            inFile = field == "file" && !fileDone && spool == nil
                            if inFile { try begin(filename ?? "upload") }
                        case let .data(bytes):
                            if inFile { try bytes.withUnsafeBytes { pointer in try spool?.write(pointer) } }
                        case .partEnd:
                            if inFile {
                                inFile = false
                                fileDone = true
                            }
                        }
                    }
                } else {
                    try buffer.withUnsafeReadableBytes { pointer in try spool?.write(pointer) }
                }
            }
            if multipart != nil, !fileDone {
                throw Refusal(status: .badRequest, code: "no_file", message: "the multipart body has no complete 'file' field (curl -F file=@notes.txt …)")
            }
            sha256 = try spool?.finish() ?? ""
        } catch let refusal as Refusal {
            spool?.discard()
            return .refused(status: refusal.status, code: refusal.code, message: refusal.message, more: refusal.more, retryAfter: nil)
        } catch let problem as SpoolFile.Problem {
            spool?.discard()
            switch problem {
            case let .tooLarge(limit):
                metrics.refused(limit: "max_file_bytes")
                return .refused(status: .contentTooLarge, code: "too_large",
                                message: "the file is larger than the \(limit) bytes the datanet \(datanet.name) takes; nothing was kept",
                                more: [("limit", .string("max_file_bytes")), ("max_bytes", .number(Double(limit)))], retryAfter: nil)
            case let .io(message):
                throw ServeFailure(message)
            }
        } catch let malformed as MultipartStream.Malformed {
            spool?.discard()
            return .refused(status: .badRequest, code: "bad_multipart", message: malformed.message, more: [], retryAfter: nil)
        } catch {
            // The client went away (or the server is stopping) mid-upload: nothing is kept.
            spool?.discard()
            throw error
        }
        guard let spool, let fileName, let modality else { throw ServeFailure("upload \(id) ended without a file") }
        let receivedAt = Int64(Date().timeIntervalSince1970)
        let upload = ServeUpload(id: id, datanet: datanet.name, contributor: account.name, name: String(fileName.original.prefix(255)),
                                 root: datanet.folder,
                                 path: fileName.storedPath(id: id, contributor: account.name, modality: modality, layout: config.layout),
                                 spool: spoolPath, modality: modality.rawValue, bytes: spool.bytes, sha256: sha256, submittedAt: receivedAt,
                                 placed: false)
        let accounts = self.accounts, quota = settings.quota
        let admission: UploadAdmission
        do {
            admission = try await blocking { try accounts.admit(upload, receivedAt: receivedAt, quota: quota) }
        } catch {
            spool.discard()
            throw error
        }
        switch admission {
        case let .refused(refusal):
            spool.discard()
            metrics.refused(limit: refusal.limit)
            return .refused(status: .tooManyRequests, code: "quota_exceeded", message: refusal.message,
                            more: [("limit", .string(refusal.limit)), ("would_use", .number(Double(refusal.wouldUse))),
                                   ("allowed", .number(Double(refusal.allowed))), ("resets_at", .string(RFC3339.format(refusal.resetsAt)))],
                            retryAfter: max(1, refusal.resetsAt - receivedAt))
        case let .admitted(submittedAt):
            metrics.uploaded(datanet: datanet.name)
            let kept = ServeUpload(id: id, datanet: upload.datanet, contributor: upload.contributor, name: upload.name, root: upload.root,
                                   path: upload.path, spool: upload.spool, modality: upload.modality, bytes: upload.bytes, sha256: upload.sha256,
                                   submittedAt: submittedAt, placed: false)
            judge.judge(kept)
            let deadline = Date().addingTimeInterval(settings.answerWithin)
            do {
                while Date() < deadline {
                    if let line = judge.answer(for: id) { return .judged(upload: kept, line: ContributorView.line(line, for: account.name)) }
                    try await Task.sleep(for: .milliseconds(20))
                }
            } catch {
                judge.forget(id)
                throw error
            }
            judge.forget(id)
            return .pending(upload: kept)
        }
    }

    /// A new upload id: 10 random bytes in hex (unguessable, so a status URL reveals nothing).
    static func newUploadID() -> String {
        var generator = SystemRandomNumberGenerator()
        return ContentHash.hex((0..<10).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// `POST /datanets/{d}/files`: the JSON API's upload.
    func apiUpload(_ request: Request, datanet name: String) async throws -> Response {
        guard let account = try await account(token: Self.bearer(request)) else { return unauthorized() }
        if let wait = limiter.take(account.name) { return rateLimited(wait) }
        guard let judge = judges[name] else {
            return Reply.problem(.notFound, "no_datanet", "no datanet is called '\(name)' here (GET /datanets lists them)")
        }
        let query = request.uri.queryParameters
        let outcome = try await receive(request, account: account, judge: judge, name: query["name"].map(String.init),
                                        modality: query["modality"].map(String.init))
        switch outcome {
        case let .judged(upload, line):
            return Reply.json(.created, ContributorView.withUpload(line, upload), headers: [.location: "/me/files/\(upload.id)"])
        case let .pending(upload):
            return Reply.json(.accepted, .object([("status", .string("pending")), ("status_url", .string("/me/files/\(upload.id)")),
                                                  ("upload", ContributorView.uploadObject(upload))]),
                              headers: [.location: "/me/files/\(upload.id)", .retryAfter: "2"])
        case let .refused(status, code, message, more, retryAfter):
            return Reply.problem(status, code, message, more, headers: retryAfter.map { [.retryAfter: "\($0)"] } ?? [:])
        }
    }
}
