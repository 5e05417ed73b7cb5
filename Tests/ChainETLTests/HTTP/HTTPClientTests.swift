import ChainETL
import Foundation
import SimNode
import Testing

@Suite("HTTPClient against the loopback server")
struct HTTPClientTests {
    private func client(_ server: LoopbackHTTPServer, timeout: Duration = .seconds(10),
                        credentials: BasicCredentials? = nil) throws -> HTTPClient {
        try HTTPClient(HTTPClientConfiguration(url: server.url, credentials: credentials, requestTimeout: timeout))
    }

    @Test func postsTheBodyAndReturnsStatusAndBody() throws {
        try withLoopbackServer({ request in
            .respond(HTTPResponse(status: 500, body: request.body.reversed()))
        }) { server in
            let response = try client(server).post(Array("abc".utf8))
            #expect(response.status == 500)
            #expect(response.body == Array("cba".utf8))
        }
    }

    @Test func sendsJSONContentTypeAndBasicAuth() throws {
        try withLoopbackServer({ request in
            let user = request.basicCredentials
            let ok = request.headers["content-type"] == "application/json" && request.headers["expect"] == nil
                && user?.user == "alice" && user?.password == "p:ss@word"
            return .respond(.okText(ok ? "yes" : "no"))
        }) { server in
            let response = try client(server, credentials: BasicCredentials(user: "alice", password: "p:ss@word")).post([])
            #expect(response.body == Array("yes".utf8))
        }
    }

    @Test func tenRequestsShareOneConnection() throws {
        try withLoopbackServer({ request in .respond(HTTPResponse(status: 200, body: request.body)) }) { server in
            let http = try client(server)
            for index in 0..<10 {
                let response = try http.post(Array("\(index)".utf8))
                #expect(response.body == Array("\(index)".utf8))
            }
            #expect(server.acceptedConnections == 1)
            #expect(http.connectionsOpened == 1)
        }
    }

    @Test func hungServerTimesOutWithinTheDeadline() throws {
        try withLoopbackServer({ _ in .hang }) { server in
            let http = try client(server, timeout: .milliseconds(400))
            let start = ContinuousClock.now
            let error = try #require(throws: HTTPError.self) { try http.post([]) }
            let elapsed = ContinuousClock.now - start
            #expect(error.kind == .timeout)
            #expect(error.isTransient)
            #expect(elapsed >= .milliseconds(350))
            #expect(elapsed < .milliseconds(400) + .seconds(1.5))
        }
    }

    @Test func slowServerWithinTheDeadlineAnswers() throws {
        try withLoopbackServer({ _ in .delayed(seconds: 0.1, then: .respond(.okText("late"))) }) { server in
            let body = try client(server, timeout: .seconds(5)).post([]).body
            #expect(body == Array("late".utf8))
        }
    }

    @Test func connectionRefusedIsPermanentAndQuick() throws {
        let port = try closedPort()
        let http = try HTTPClient(HTTPClientConfiguration(url: "http://127.0.0.1:\(port)"))
        let start = ContinuousClock.now
        let error = try #require(throws: HTTPError.self) { try http.post([]) }
        #expect(error.kind == .connectionRefused)
        #expect(!error.isTransient)
        #expect(error.description.contains("nothing listens at 127.0.0.1:\(port); is the node running"))
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func unknownHostIsPermanent() throws {
        let http = try HTTPClient(HTTPClientConfiguration(url: "http://no-such-host.invalid:8332"))
        let error = try #require(throws: HTTPError.self) { try http.post([]) }
        #expect(error.kind == .unknownHost)
        #expect(!error.isTransient)
    }

    @Test func droppedConnectionIsTransient() throws {
        try withLoopbackServer({ _ in .dropConnection }) { server in
            let error = try #require(throws: HTTPError.self) { try client(server).post([]) }
            #expect(error.kind == .connectionLost)
            #expect(error.isTransient)
        }
    }

    @Test func truncatedBodyIsReportedAsTruncated() throws {
        try withLoopbackServer({ _ in .truncated(.okText(String(repeating: "x", count: 1000)), bytes: 100) }) { server in
            let error = try #require(throws: HTTPError.self) { try client(server).post([]) }
            #expect(error.kind == .truncatedBody)
            #expect(error.isTransient)
            #expect(error.description.contains("truncated"))
        }
    }

    @Test func largeBodiesArriveIntact() throws {
        let big = (0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try withLoopbackServer({ _ in .respond(HTTPResponse(status: 200, body: big)) }) { server in
            let http = try client(server)
            #expect(try http.post([]).body == big)
            #expect(try http.post([]).body.count == big.count)
            #expect(server.acceptedConnections == 1)
        }
    }

    @Test func theClientRecoversAfterAFailure() throws {
        let calls = RequestCounter()
        try withLoopbackServer({ _ in calls.next() == 0 ? .dropConnection : .respond(.okText("fine")) }) { server in
            let http = try client(server)
            #expect(throws: HTTPError.self) { try http.post([]) }
            #expect(try http.post([]).body == Array("fine".utf8))
        }
    }

    @Test func errorMessagesMaskThePassword() {
        let error = HTTPError(kind: .timeout, url: "http://u:s3cr3t-PW@127.0.0.1:1", detail: "at http://u:s3cr3t-PW@h/")
        #expect(!error.description.contains("s3cr3t-PW"))
        #expect(error.description.contains("127.0.0.1:1"))
    }
}
