import AssayKit
import Foundation
import Hummingbird

/// One JSON line per request on standard output: time, method, path (no query string), status,
/// milliseconds and the client's address. Tokens never appear: they travel in the
/// `Authorization` header or a cookie, neither of which is logged.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = Date()
        var status = 500
        defer {
            metrics.request(status: status)
            let line = Reply.render(.object([
                ("time", .string(RFC3339.format(Int64(started.timeIntervalSince1970)))),
                ("method", .string(request.method.rawValue)),
                ("path", .string(request.uri.path)),
                ("status", .number(Double(status))),
                ("ms", .number((Date().timeIntervalSince(started) * 1000).rounded())),
            ]))
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
