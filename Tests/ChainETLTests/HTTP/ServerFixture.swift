import ChainETL
import SimNode
import Synchronization

/// A handler made of a closure, so each test states its server's behaviour inline.
struct ClosureHTTPHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest) -> HTTPReply
    func reply(to request: HTTPRequest) -> HTTPReply { body(request) }
}

/// Runs `test` against a loopback server answering with `reply`, and always stops the server.
func withLoopbackServer<T>(
    threads: Int = 4,
    _ reply: @escaping @Sendable (HTTPRequest) -> HTTPReply,
    _ test: (LoopbackHTTPServer) throws -> T
) throws -> T {
    let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler(body: reply),
                                        configuration: .init(connectionThreads: threads))
    defer { server.stop() }
    return try test(server)
}

/// A port where nothing listens: a server that was started and stopped again.
func closedPort() throws -> UInt16 {
    let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { _ in .dropConnection })
    server.stop()
    return server.port
}

extension HTTPResponse {
    /// A 200 answer with a UTF-8 body.
    static func okText(_ text: String) -> HTTPResponse { HTTPResponse(status: 200, body: Array(text.utf8)) }
}

/// A thread-safe counter for handlers that change behaviour after the first request.
final class RequestCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { count in
            defer { count += 1 }
            return count
        }
    }

    /// The requests counted so far.
    var count: Int { value.withLock { $0 } }
}
