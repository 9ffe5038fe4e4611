import Hummingbird
import NIOCore

/// The request context of `assay serve`: Hummingbird's basic one plus the connection's channel,
/// so that ``RefusedUploadCloser`` can close a connection whose body should not be read.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request's connection.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
