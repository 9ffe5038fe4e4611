import AssayCore
import AssayKit
import AssayReports
import Foundation
import Hummingbird

/// The server-rendered pages for contributors: the leaderboard and sign-in (`/`), the upload
/// forms (`/ui/upload`) and their answers, and the contributor's files (`/ui/files`). Plain
/// HTML forms, no script: a browser without JavaScript uses them fully. The token is given once
/// on `/` and kept in an HttpOnly, SameSite=Strict cookie (another site cannot post with it).
extension AssayServer {
    static let cookie = "assay_token"

    func pages(_ router: Router<ServeContext>) {
        router.get("/") { request, _ in try await self.homePage(request) }
        router.post("/login") { request, _ in try await self.login(request) }
        router.post("/logout") { _, _ in
            Reply.seeOther("/", headers: [.setCookie: "\(Self.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"])
        }
        router.get("/ui/upload") { request, _ in try await self.withPageAccount(request) { account in self.uploadPage(account) } }
        router.post("/ui/datanets/:datanet/files") { request, context in
            let name = context.parameters.get("datanet") ?? ""
            return try await self.withPageAccount(request) { account in try await self.pageUpload(request, account: account, datanet: name) }
        }
        router.get("/ui/files") { request, _ in try await self.withPageAccount(request) { account in try await self.filesPage(account) } }
    }

    /// Runs `body` for the cookie's account; without one, back to the sign-in form.
    private func withPageAccount(_ request: Request, _ body: (ServeAccount) async throws -> Response) async throws -> Response {
        guard let account = try await account(token: request.cookies[Self.cookie]?.value) else { return Reply.seeOther("/?signin=1") }
        if let wait = limiter.take(account.name) {
            return Reply.html(.tooManyRequests, Self.page("Slow down", "<p>Too many requests; try again in \(Int(wait.rounded(.up))) s.</p>"),
                              headers: [.retryAfter: "\(Int(wait.rounded(.up)))"])
        }
        return try await body(account)
    }

    private func homePage(_ request: Request) async throws -> Response {
        let board = try await currentBoard()
        let signedIn = try await account(token: request.cookies[Self.cookie]?.value)
        var body = ""
        if let signedIn {
            body += "<p>Signed in as <b>\(Self.escape(signedIn.name))</b>. <a href=\"/ui/upload\">Upload a file</a> · <a href=\"/ui/files\">My files</a></p>"
            body += "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>"
        } else {
            body += """
                <form method="post" action="/login"><label>Token <input type="password" name="token" autocomplete="off" required></label>
                <button type="submit">Sign in</button></form>
                """
        }
        body += "<h2>Leaderboard</h2><p>Computed \(RFC3339.format(board.computedAt)); score = 0.8 × acceptance (Wilson 95% lower bound) + 0.2 × days active in the last 30 / 30.</p>"
        body += "<table id=\"leaderboard\"><tr><th>Rank</th><th>Contributor</th><th>Accepted</th><th>Rejected</th><th>Days active</th><th>Score</th></tr>"
        for row in board.rows {
            body += "<tr><td>\(row.rank)</td><td>\(Self.escape(row.contributor))</td><td>\(row.accepted)</td><td>\(row.rejected)</td>"
                + "<td>\(row.activeDays)</td><td>\(String(format: "%.3f", row.score))</td></tr>"
        }
        body += "</table>"
        return Reply.html(.ok, Self.page("Assay datanets", body))
    }

    private func login(_ request: Request) async throws -> Response {
        // The sign-in form is one short field.
        let buffer = try await request.body.collect(upTo: 4096)
        let form = Self.formFields(String(buffer: buffer))
        guard let token = form["token"], try await account(token: token) != nil else {
            return Reply.html(.unauthorized, Self.page("Sign in", "<p id=\"error\">That token does not work (unknown or revoked).</p><p><a href=\"/\">Back</a></p>"))
        }
        return Reply.seeOther("/ui/files", headers: [.setCookie: "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"])
    }

    private func uploadPage(_ account: ServeAccount) -> Response {
        var body = "<p>Signed in as <b>\(Self.escape(account.name))</b>. <a href=\"/ui/files\">My files</a></p>"
        for datanet in settings.datanets {
            let config = datanet.pipeline.config
            let kinds = config.modalities.open.sorted().map(\.rawValue).joined(separator: ", ")
            body += """
                <h2>\(Self.escape(datanet.name))</h2>
                <p>Takes \(kinds) files up to \(config.limits.maxFileBytes) bytes.</p>
                <form method="post" action="/ui/datanets/\(datanet.name)/files" enctype="multipart/form-data">
                <input type="file" name="file" required> <button type="submit">Upload</button></form>
                """
        }
        return Reply.html(.ok, Self.page("Upload", body))
    }

    private func pageUpload(_ request: Request, account: ServeAccount, datanet name: String) async throws -> Response {
        guard let judge = judges[name] else { return Reply.html(.notFound, Self.page("No such datanet", "<p>No datanet is called \(Self.escape(name)).</p>")) }
        let outcome = try await receive(request, account: account, judge: judge, name: nil, modality: nil)
        let back = "<p><a href=\"/ui/upload\">Upload another</a> · <a href=\"/ui/files\">My files</a></p>"
        switch outcome {
        case let .judged(upload, line):
            return Reply.html(.created, Self.page("Verdict", Self.verdictBlock(UploadStatus(upload: upload, line: line)) + back))
        case let .pending(upload):
            return Reply.html(.accepted, Self.page("Being judged", "<p id=\"verdict\">\(Self.escape(upload.name)) is being judged; see <a href=\"/ui/files\">My files</a> in a moment.</p>" + back))
        case let .refused(status, _, message, _, _):
            return Reply.html(status, Self.page("Not kept", "<p id=\"error\">\(Self.escape(message))</p>" + back))
        }
    }

    private func filesPage(_ account: ServeAccount) async throws -> Response {
        let files = try await statuses(of: account.name)
        var body = "<p>Signed in as <b>\(Self.escape(account.name))</b>. <a href=\"/ui/upload\">Upload a file</a> · <a href=\"/\">Leaderboard</a></p>"
        body += "<table id=\"files\"><tr><th>File</th><th>Datanet</th><th>Submitted</th><th>Verdict</th><th>Reasons</th></tr>"
        for file in files {
            let verdict = file.line.flatMap { try? JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
            let reasons = (verdict?.reasons ?? []).map { reason in
                "<b>\(Self.escape(reason.code))</b>: \(Self.escape(reason.message))" + (reason.hint.map { "<br><i>\(Self.escape($0))</i>" } ?? "")
            }.joined(separator: "<br>")
            body += "<tr><td>\(Self.escape(file.upload.name))</td><td>\(Self.escape(file.upload.datanet))</td>"
                + "<td>\(RFC3339.format(file.upload.submittedAt))</td><td class=\"verdict\">\(file.state)</td><td>\(reasons)</td></tr>"
        }
        body += "</table>"
        return Reply.html(.ok, Self.page("My files", body))
    }

    private static func verdictBlock(_ status: UploadStatus) -> String {
        let verdict = status.line.flatMap { try? JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
        var html = "<p id=\"verdict\">\(escape(status.upload.name)): <b>\(status.state)</b></p><ul>"
        for reason in verdict?.reasons ?? [] {
            html += "<li><b>\(escape(reason.code))</b>: \(escape(reason.message))" + (reason.hint.map { "<br><i>\(escape($0))</i>" } ?? "") + "</li>"
        }
        return html + "</ul>"
    }

    /// A whole page around `body`.
    static func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}</style>
        </head><body><h1>\(escape(title))</h1>
        \(body)
        </body></html>

        """
    }

    /// `text` safe inside HTML text and double-quoted attribute values (the report's escaping).
    static func escape(_ text: String) -> String {
        HTMLReport.escape(text)
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formFields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
