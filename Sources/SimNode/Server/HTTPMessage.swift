/// One HTTP/1.1 request as the loopback server read it. Header names are lower-cased so handlers can look
/// them up without caring how the client spelled them.
public struct HTTPRequest: Sendable {
    public var method: String
    public var path: String
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// A complete HTTP response. The server adds `Content-Length` and `Connection` itself.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What the server does with a request. Besides ordinary answers, the fault cases let simnode and tests
/// reproduce what real nodes and networks do to clients: cut connections, stall, and send half a body.
public indirect enum HTTPReply: Sendable {
    /// Send the response and keep the connection open for the next request (keep-alive).
    case respond(HTTPResponse)
    /// Send the headers with the full `Content-Length` but only the first `bytes` of the body, then close:
    /// what a client sees when a node dies mid-answer.
    case truncated(HTTPResponse, bytes: Int)
    /// Close the connection without answering: a connection reset.
    case dropConnection
    /// Wait, then do the other thing: a slow node.
    case delayed(seconds: Double, then: HTTPReply)
    /// Never answer and keep the connection open until the server stops: a hung node.
    case hang
}

/// The code that decides how to answer. Called from the server's connection threads, possibly
/// concurrently, hence `Sendable`.
public protocol HTTPHandler: Sendable {
    /// Answers one request.
    func reply(to request: HTTPRequest) -> HTTPReply
}
