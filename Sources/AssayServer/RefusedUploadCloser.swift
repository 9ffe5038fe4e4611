import Hummingbird
import NIOCore

/// Closes the connection of a refused POST (any 4xx answer: too large, no token, over a limit):
/// Hummingbird reads the rest of a request's body, however long, before it reads the next
/// request, so a client could make the server read gigabytes it has already refused. The answer
/// says `Connection: close`, and the connection is closed ``linger`` later, time for the client
/// to read the answer (nginx's lingering close, bounded by time).
struct RefusedUploadCloser: RouterMiddleware {
    /// How long a refused request's body may still be read before its connection is closed.
    static let linger = TimeAmount.seconds(1)

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .post, (400..<500).contains(response.status.code) else { return response }
        response.headers[.connection] = "close"
        let channel = context.channel
        channel.eventLoop.scheduleTask(in: Self.linger) { channel.close(promise: nil) }
        return response
    }
}
