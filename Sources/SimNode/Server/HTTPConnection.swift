import Glibc

/// Serves the requests of one accepted connection in order until it closes: reads a request, asks the
/// handler, executes the reply (including its faults), and keeps the connection alive when allowed.
struct HTTPConnection {
    let fd: Int32
    let handler: any HTTPHandler
    let limits: LoopbackHTTPServer.Configuration
    /// Reports whether the server is stopping, so delays and hangs end promptly.
    let isStopping: @Sendable () -> Bool

    private var buffer: [UInt8] = []

    init(fd: Int32, handler: any HTTPHandler, limits: LoopbackHTTPServer.Configuration, isStopping: @escaping @Sendable () -> Bool) {
        self.fd = fd
        self.handler = handler
        self.limits = limits
        self.isStopping = isStopping
        buffer.reserveCapacity(64 * 1024)
    }

    /// Runs until the client closes, a reply ends the connection, or the server stops.
    mutating func serve() {
        while !isStopping(), let (request, keepAlive) = readRequest() {
            guard execute(handler.reply(to: request), keepAlive: keepAlive), keepAlive else { return }
        }
    }

    /// Reads one complete request; answers protocol errors itself and returns `nil` to close.
    private mutating func readRequest() -> (HTTPRequest, Bool)? {
        var headEnd: Int?
        var searched = 0
        while true {
            headEnd = HTTPRequestHead.endOfHead(in: buffer, searchingFrom: searched)
            if headEnd != nil { break }
            searched = max(0, buffer.count - 3)
            if buffer.count > limits.maxHeadBytes { return refuse(431, "request head too large") }
            guard case .data = SocketIO.receive(fd, into: &buffer) else { return nil }
        }
        let end = headEnd!
        let head: HTTPRequestHead
        do {
            head = try HTTPRequestHead(parsing: buffer[..<end])
        } catch {
            return refuse(400, error.reason)
        }
        if head.headers["transfer-encoding"] != nil {
            return refuse(411, "chunked request bodies are not supported; send Content-Length")
        }
        guard let length = Int(head.headers["content-length"] ?? "0"), length >= 0 else {
            return refuse(400, "invalid Content-Length")
        }
        guard length <= limits.maxBodyBytes else { return refuse(413, "request body too large") }
        if head.headers["expect"]?.lowercased() == "100-continue" {
            SocketIO.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while buffer.count < end + length {
            guard case .data = SocketIO.receive(fd, into: &buffer) else { return nil }
        }
        let body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        return (HTTPRequest(method: head.method, path: head.path, headers: head.headers, body: body), head.keepsAlive)
    }

    /// Answers a request the server cannot serve, then closes.
    private func refuse(_ status: Int, _ message: String) -> (HTTPRequest, Bool)? {
        send(HTTPResponse(status: status, body: Array((message + "\n").utf8)), keepAlive: false)
        return nil
    }

    /// Carries out a reply; `false` means the connection must close.
    private func execute(_ reply: HTTPReply, keepAlive: Bool) -> Bool {
        switch reply {
        case .respond(let response):
            return send(response, keepAlive: keepAlive)
        case .truncated(let response, let bytes):
            SocketIO.sendAll(fd, Self.head(of: response, keepAlive: false), more: true)
            response.body.withUnsafeBytes { body in
                _ = SocketIO.sendAll(fd, UnsafeRawBufferPointer(rebasing: body.prefix(max(0, bytes))))
            }
            shutdown(fd, Int32(SHUT_WR))
            return false
        case .dropConnection:
            return false
        case .delayed(let seconds, let then):
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            while ContinuousClock.now < deadline {
                if isStopping() { return false }
                usleep(UInt32(min(10_000, max(0, (deadline - ContinuousClock.now).microseconds))))
            }
            return execute(then, keepAlive: keepAlive)
        case .hang:
            // Swallow input until the client gives up or `stop()` shuts the socket down.
            var sink: [UInt8] = []
            while !isStopping() {
                if case .closed = SocketIO.receive(fd, into: &sink, chunk: 4096) { break }
                sink.removeAll(keepingCapacity: true)
            }
            return false
        }
    }

    @discardableResult
    private func send(_ response: HTTPResponse, keepAlive: Bool) -> Bool {
        SocketIO.sendAll(fd, Self.head(of: response, keepAlive: keepAlive), more: !response.body.isEmpty)
            && SocketIO.sendAll(fd, response.body)
    }

    /// Status line and headers; `Content-Length` and `Connection` are the server's, whatever the handler set.
    static func head(of response: HTTPResponse, keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for header in response.headers {
            let name = header.name.lowercased()
            if name == "content-length" || name == "connection" { continue }
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "Content-Length: \(response.body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return Array(text.utf8)
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

extension Duration {
    fileprivate var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
