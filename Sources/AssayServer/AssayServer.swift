import AssayCore
import AssayKit
import Foundation
import Hummingbird
import Logging

/// `assay serve`: a datanet contributors upload to, with the verdict in the response.
///
/// Each upload is streamed to the datanet's spool, admitted by the daily limits in one ledger
/// transaction, placed in the datanet's folder under a name the server chooses and judged by
/// the datanet's ``DatanetJudge`` (the same ``Runner`` as `assay run`), whose verdict line is the
/// answer. The server keeps no state of its own besides caches: several processes on one
/// PostgreSQL ledger serve the same datanets.
public final class AssayServer: Sendable {
    let settings: ServerSettings
    let accounts: Ledger
    let judges: [String: DatanetJudge]
    let metrics = ServerMetrics()
    let limiter: RateLimiter
    let leaderboard: Leaderboard

    /// Opens the accounts ledger and every datanet's ledger (creating or migrating them).
    public init(settings: ServerSettings) throws(LedgerError) {
        self.settings = settings
        accounts = try Ledger(path: settings.accounts)
        var judges: [String: DatanetJudge] = [:]
        for datanet in settings.datanets {
            judges[datanet.name] = try DatanetJudge(datanet: datanet, accounts: accounts, jobs: settings.jobs, walkEvery: settings.walkEvery, metrics: metrics)
        }
        self.judges = judges
        limiter = RateLimiter(perSecond: settings.ratePerSecond, burst: settings.burst)
        leaderboard = Leaderboard(every: settings.leaderboardEvery)
    }

    /// Serves until SIGTERM or SIGINT; then stops accepting connections, lets the requests in
    /// flight finish (uploads still arriving are discarded whole, uploads kept are judged and
    /// answered), and returns. `listening` is told the address once the socket is bound.
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        for datanet in settings.datanets {
            try FileManager.default.createDirectory(atPath: datanet.spool, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        for judge in judges.values {
            judge.sweepSpool()
            judge.start()
        }
        defer { for judge in judges.values { judge.stop() } }
        let router = Router(context: ServeContext.self)
        router.add(middleware: AccessLog(metrics: metrics))
        router.add(middleware: RefusedUploadCloser())
        routes(router)
        let app = Application(router: router,
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "assay"),
                              onServerRunning: { channel in
                                  let port = channel.localAddress?.port ?? 0
                                  listening("http://\(self.settings.host):\(port)")
                              },
                              logger: Self.quietLogger())
        try await app.runService()
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "assay-serve")
        logger.logLevel = .warning
        return logger
    }

    private func routes(_ router: Router<ServeContext>) {
        router.get("/healthz") { _, _ in self.health() }
        router.get("/metrics") { _, _ in Reply.text(.ok, self.metrics.render(), type: "text/plain; version=0.0.4; charset=utf-8") }
        router.get("/openapi.yaml") { _, _ in Reply.text(.ok, OpenAPIDocument.yaml, type: "application/yaml") }
        router.get("/datanets") { _, _ in self.datanetList() }
        router.post("/datanets/:datanet/files") { request, context in
            try await self.apiUpload(request, datanet: context.parameters.get("datanet") ?? "")
        }
        for path in ["/datanets/:datanet/files/:id", "/me/files/:id"] {
            for method in [HTTPRequest.Method.put, .patch, .delete] { router.on(RouterPath(path), method: method) { _, _ in self.immutable() } }
        }
        router.get("/leaderboard") { _, _ in try await self.leaderboardJSON() }
        router.get("/me") { request, _ in try await self.withAccount(request) { account in try await self.me(account) } }
        router.get("/me/files") { request, _ in try await self.withAccount(request) { account in try await self.myFiles(account) } }
        router.get("/me/files/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await self.withAccount(request) { account in try await self.myFile(account, id: id) }
        }
        router.get("/curator/tokens") { request, _ in try await self.asCurator(request) { _ in try await self.tokenList() } }
        router.get("/curator/datanets/:datanet/runs") { request, context in
            let name = context.parameters.get("datanet") ?? ""
            return try await self.asCurator(request) { _ in try await self.runList(name) }
        }
        router.get("/curator/datanets/:datanet/export") { request, context in
            let name = context.parameters.get("datanet") ?? ""
            return try await self.asCurator(request) { _ in try await self.export(name) }
        }
        router.get("/curator/datanets/:datanet/report") { request, context in
            let name = context.parameters.get("datanet") ?? ""
            return try await self.asCurator(request) { _ in try await self.report(name) }
        }
        pages(router)
        // Any other method on a path the API serves: 405 with the methods it takes (an upload's
        // PUT, PATCH and DELETE answer that uploads are immutable, above).
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace] + (HTTPRequest.Method("QUERY").map { [$0] } ?? [])
        for (path, allowed) in Self.served {
            let immutable: [HTTPRequest.Method] = path.hasSuffix("/:id") ? [.put, .patch, .delete] : []
            let other = methods.filter { !allowed.contains($0) && !immutable.contains($0) }
            for method in other {
                router.on(RouterPath(path), method: method) { _, _ in
                    Reply.problem(.methodNotAllowed, "method_not_allowed", "this path takes \(allowed.map(\.rawValue).joined(separator: ", "))",
                                  headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
                }
            }
        }
    }

    /// The API's paths and the methods each takes (the OpenAPI document's operations).
    static let served: [(String, [HTTPRequest.Method])] = [
        ("/healthz", [.get]), ("/metrics", [.get]), ("/openapi.yaml", [.get]), ("/datanets", [.get]), ("/datanets/:datanet/files", [.post]),
        ("/leaderboard", [.get]), ("/me", [.get]), ("/me/files", [.get]), ("/me/files/:id", [.get]), ("/curator/tokens", [.get]),
        ("/curator/datanets/:datanet/runs", [.get]), ("/curator/datanets/:datanet/export", [.get]), ("/curator/datanets/:datanet/report", [.get]),
    ]

    // MARK: Helpers shared by the routes

    /// Runs blocking ledger work off the server's event loops.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// The account a bearer token names, or nil (no token, unknown or revoked).
    func account(token: String?) async throws -> ServeAccount? {
        guard let token, !token.isEmpty, token.utf8.count <= 256 else { return nil }
        let hash = TokenMint.hash(token)
        let accounts = self.accounts
        return try await blocking { try accounts.account(tokenHash: hash) }
    }

    /// The token of `Authorization: Bearer TOKEN`, or nil.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// Runs `body` for the bearer token's account: `401` without a working token, `429` past
    /// the token's rate.
    func withAccount(_ request: Request, _ body: (ServeAccount) async throws -> Response) async throws -> Response {
        guard let account = try await account(token: Self.bearer(request)) else { return unauthorized() }
        if let wait = limiter.take(account.name) { return rateLimited(wait) }
        return try await body(account)
    }

    /// ``withAccount(_:_:)`` for curators only (`403` for contributors).
    func asCurator(_ request: Request, _ body: (ServeAccount) async throws -> Response) async throws -> Response {
        try await withAccount(request) { account in
            guard account.curator else { return Reply.problem(.forbidden, "curator_only", "this endpoint is for curators; \(account.name) is a contributor") }
            return try await body(account)
        }
    }

    func unauthorized() -> Response {
        Reply.problem(.unauthorized, "unauthorized", "send a working token: Authorization: Bearer TOKEN (a curator makes one with `assay token add NAME`)",
                      headers: [.wwwAuthenticate: "Bearer realm=\"assay\""])
    }

    func rateLimited(_ wait: Double) -> Response {
        metrics.refused(limit: "rate")
        let seconds = Int(wait.rounded(.up))
        return Reply.problem(.tooManyRequests, "rate_limited",
                             "more than \(settings.burst) requests at once, or more than \(settings.ratePerSecond) a second, with this token; try again in \(seconds) s",
                             [("limit", .string("rate")), ("retry_after", .number(Double(seconds)))],
                             headers: [.retryAfter: "\(seconds)"])
    }

    func immutable() -> Response {
        Reply.problem(.methodNotAllowed, "immutable", "uploads cannot be edited, replaced or deleted; upload a new file instead",
                      headers: [.allow: "GET"])
    }

    private func health() -> Response {
        let failing = judges.values.compactMap { judge in judge.lastFailure.map { (judge.datanet.name, $0) } }
        let datanets: JSONValue = .array(settings.datanets.map { .string($0.name) })
        guard failing.isEmpty else {
            return Reply.json(.serviceUnavailable, .object([("status", .string("failing")), ("datanets", datanets),
                                                             ("failures", .object(failing.map { ($0.0, JSONValue.string($0.1)) }))]))
        }
        return Reply.json(.ok, .object([("status", .string("ok")), ("datanets", datanets)]))
    }

    private func datanetList() -> Response {
        Reply.json(.ok, .object([("datanets", .array(settings.datanets.map { datanet in
            .object([
                ("name", .string(datanet.name)),
                ("modalities", .array(datanet.pipeline.config.modalities.open.sorted().map { .string($0.rawValue) })),
                ("max_file_bytes", .number(Double(datanet.pipeline.config.limits.maxFileBytes))),
            ])
        }))]))
    }
}
