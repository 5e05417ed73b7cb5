import Foundation
@testable import SimNode
import Testing

@Suite("Loopback HTTP server")
struct LoopbackHTTPServerTests {
    private let echo = ClosureHTTPHandler { request in
        .respond(HTTPResponse(status: 200, headers: [("X-Path", request.path), ("Content-Length", "999")], body: request.body))
    }

    @Test func reportsTheEphemeralPortAndEchoes() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        #expect(server.port != 0)
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost("hello", path: "/wallet/a"))
        let response = try #require(client.readResponse())
        #expect(response.head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.head.contains("X-Path: /wallet/a\r\n"))
        #expect(response.head.contains("Content-Length: 5\r\n"))  // the handler's own length is ignored
        #expect(!response.head.contains("999"))
        #expect(response.head.contains("Connection: keep-alive\r\n"))
        #expect(response.body == Array("hello".utf8))
    }

    @Test func keepsConnectionsAliveAndServesPipelinedRequests() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost("one") + rawPost("two"))
        #expect(client.readResponse()?.body == Array("one".utf8))
        #expect(client.readResponse()?.body == Array("two".utf8))
        client.send(rawPost("three"))
        #expect(client.readResponse()?.body == Array("three".utf8))
        #expect(server.acceptedConnections == 1)
    }

    @Test func closesWhenTheClientAsks() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost("bye", extraHeaders: "Connection: close\r\n"))
        let text = String(decoding: client.readAll(), as: UTF8.self)  // returns because the server closes
        #expect(text.contains("Connection: close\r\n"))
        #expect(text.hasSuffix("bye"))
    }

    @Test func refusesChunkedRequestBodiesPolitely() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        let text = String(decoding: client.readAll(), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 411 "))
        #expect(text.contains("send Content-Length"))
    }

    @Test func answersMalformedRequestsWith400() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send("NONSENSE\r\n\r\n")
        #expect(String(decoding: client.readAll(), as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
    }

    @Test func sendsInterimContinueWhenAsked() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send("POST / HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
        #expect(client.readResponse()?.head.hasPrefix("HTTP/1.1 100 Continue") == true)
        client.send("ok")
        #expect(client.readResponse()?.body == Array("ok".utf8))
    }

    @Test func servesLargeBodies() throws {
        let big = (0..<(11 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { _ in .respond(HTTPResponse(status: 200, body: big)) })
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost(""))
        #expect(client.readResponse()?.body == big)
    }

    @Test func truncatedRepliesAnnounceTheFullLengthAndClose() throws {
        let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { _ in
            .truncated(HTTPResponse(status: 200, body: Array("0123456789".utf8)), bytes: 4)
        })
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost(""))
        let text = String(decoding: client.readAll(), as: UTF8.self)
        #expect(text.contains("Content-Length: 10\r\n"))
        #expect(text.hasSuffix("\r\n\r\n0123"))
    }

    @Test func dropConnectionClosesWithoutAnswer() throws {
        let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { _ in .dropConnection })
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(rawPost("x"))
        #expect(client.readAll().isEmpty)
    }

    @Test func aProcessStartedWhileServingDoesNotHoldTheConnectionOpen() throws {
        let child = SpawnedProcess()
        let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { _ in
            child.spawn("/bin/sleep", "60")  // inherits every descriptor not marked close-on-exec
            return .dropConnection
        })
        defer {
            server.stop()
            child.end()
        }
        let client = try RawHTTPClient(port: server.port, receiveTimeout: .seconds(20))
        client.send(rawPost("x"))
        var received: [UInt8] = []
        #expect(SocketIO.receive(client.fd, into: &received) == .closed,
                "the server closed the connection; the sleeping child must not keep it")
        #expect(child.wasStarted)
    }

    @Test func stopEndsHangingRepliesAndDelays() throws {
        let server = try LoopbackHTTPServer(handler: ClosureHTTPHandler { request in
            request.path == "/hang" ? .hang : .delayed(seconds: 60, then: .respond(HTTPResponse(status: 200)))
        })
        let hanging = try RawHTTPClient(port: server.port, receiveTimeout: .seconds(30))
        let delayed = try RawHTTPClient(port: server.port, receiveTimeout: .seconds(30))
        hanging.send(rawPost("", path: "/hang"))
        delayed.send(rawPost("", path: "/slow"))
        Thread.sleep(forTimeInterval: 0.2)
        let start = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(hanging.readAll().isEmpty)
        #expect(delayed.readAll().isEmpty)
    }

    @Test func extraConnectionsWaitForAFreeThread() throws {
        let server = try LoopbackHTTPServer(handler: echo, configuration: .init(connectionThreads: 1))
        defer { server.stop() }
        let first = try RawHTTPClient(port: server.port)
        first.send(rawPost("first"))
        #expect(first.readResponse()?.body == Array("first".utf8))
        let second = try RawHTTPClient(port: server.port, receiveTimeout: .milliseconds(300))
        second.send(rawPost("second"))
        #expect(second.readResponse() == nil)  // the only thread still serves `first`
        #expect(server.acceptedConnections == 1)
        first.send(rawPost("done", extraHeaders: "Connection: close\r\n"))
        _ = first.readAll()
        second.setReceiveTimeout(.seconds(5))
        #expect(second.readResponse()?.body == Array("second".utf8))  // served once the thread is free
        #expect(server.acceptedConnections == 2)
    }

    @Test func stopIsIdempotentAndFreesThePort() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        server.stop()
        server.stop()
        #expect(throws: (any Error).self) { try RawHTTPClient(port: server.port) }
    }

    @Test func aPortInUseIsAClearError() throws {
        let server = try LoopbackHTTPServer(handler: echo)
        defer { server.stop() }
        let error = #expect(throws: LoopbackHTTPServerError.self) {
            try LoopbackHTTPServer(handler: echo, configuration: .init(port: server.port))
        }
        #expect(error?.description.contains("127.0.0.1:\(server.port)") == true)
    }
}
