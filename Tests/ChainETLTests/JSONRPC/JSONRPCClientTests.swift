import ChainETL
import Foundation
import SimNode
import Testing

@Suite("JSONRPCClient against the loopback server")
struct JSONRPCClientTests {
    private static let password = "s3cr3t-PW"

    private func client(_ server: LoopbackHTTPServer, timeout: Duration = .seconds(10)) throws -> JSONRPCClient {
        let endpoint = try NodeEndpoint(rpcURL: "http://rpc:\(Self.password)@127.0.0.1:\(server.port)")
        return try JSONRPCClient(endpoint: endpoint, requestTimeout: timeout)
    }

    private static func json(_ status: Int, _ text: String) -> HTTPReply {
        .respond(HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8)))
    }

    /// The `id`s of a batch request, in order, so handlers can answer them.
    private static func ids(_ request: HTTPRequest) -> [Int] {
        let calls = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [[String: Any]] ?? []
        return calls.compactMap { $0["id"] as? Int }
    }

    private struct Info: Decodable, Equatable {
        var blocks: Int
        var chain: String
    }

    @Test func callDecodesTheResult() throws {
        try withLoopbackServer({ request in
            let body = String(decoding: request.body, as: UTF8.self)
            guard request.basicCredentials?.password == Self.password, body.contains(#""method":"getblockchaininfo""#)
            else { return .respond(HTTPResponse(status: 401)) }
            return Self.json(200, #"{"result":{"chain":"main","blocks":840000,"extra":[1]},"error":null,"id":1}"#)
        }) { server in
            let info = try client(server).call("getblockchaininfo", as: Info.self)
            #expect(info == Info(blocks: 840_000, chain: "main"))
        }
    }

    @Test func http401IsAPermanentAuthErrorWithoutThePassword() throws {
        try withLoopbackServer({ _ in .respond(HTTPResponse(status: 401)) }) { server in
            let error = try #require(throws: NodeAnswerError.self) { try client(server).call("getblockcount", as: Int.self) }
            #expect(error.kind == .unauthorized)
            #expect(!error.isTransient)
            #expect(error.description.contains("refused the credentials (HTTP 401); check the user and password in NODE_RPC_URL"))
            #expect(error.exitStatus == .usage)
            #expect(!error.description.contains(Self.password))
        }
    }

    @Test func http500WithAnErrorBodyIsAJSONRPCError() throws {
        try withLoopbackServer({ _ in
            Self.json(500, #"{"result":null,"error":{"code":-8,"message":"Block height out of range"},"id":1}"#)
        }) { server in
            let error = try #require(throws: JSONRPCError.self) { try client(server).call("getblockhash", [999_999], as: String.self) }
            #expect(error.code == .invalidParameter)
            #expect(error.message == "Block height out of range")
            #expect(error.method == "getblockhash")
            #expect(!error.isTransient)
            #expect(!error.description.contains(Self.password))
        }
    }

    @Test func unknownMethodIs32601() throws {
        try withLoopbackServer({ _ in Self.json(404, #"{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":1}"#) }) { server in
            let error = try #require(throws: JSONRPCError.self) { try client(server).call("getblockstats", as: Int.self) }
            #expect(error.code == .methodNotFound)
        }
    }

    @Test func warmingUpIsTransient() throws {
        try withLoopbackServer({ _ in Self.json(500, #"{"result":null,"error":{"code":-28,"message":"Loading block index…"},"id":1}"#) }) { server in
            let error = try #require(throws: JSONRPCError.self) { try client(server).call("getblockcount", as: Int.self) }
            #expect(error.code == .warmingUp)
            #expect(error.isTransient)
        }
    }

    @Test func jsonRPC2StyleErrorsAreUnderstood() throws {
        try withLoopbackServer({ _ in Self.json(200, #"{"jsonrpc":"2.0","error":{"code":-5,"message":"Block not found"},"id":1}"#) }) { server in
            let error = try #require(throws: JSONRPCError.self) { try client(server).call("getblock", ["00"], as: String.self) }
            #expect(error.code == .notFound)
            #expect(error.message == "Block not found")
        }
    }

    @Test func aBatchRejectedAsAWholeThrowsItsError() throws {
        try withLoopbackServer({ _ in Self.json(500, #"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#) }) { server in
            let error = try #require(throws: JSONRPCError.self) {
                try client(server).batch([JSONRPCCall("getblockcount")], as: Int.self)
            }
            #expect(error.code == .parseError)
        }
    }

    @Test func workQueueExceededIsTransient() throws {
        try withLoopbackServer({ _ in .respond(HTTPResponse(status: 503, body: Array("Work queue depth exceeded".utf8))) }) { server in
            let error = try #require(throws: NodeAnswerError.self) { try client(server).call("getblockcount", as: Int.self) }
            #expect(error.kind == .workQueueFull)
            #expect(error.isTransient)
        }
    }

    @Test func batchAnswersOutOfOrderAreMatchedByID() throws {
        try withLoopbackServer({ request in
            let answers = Self.ids(request).reversed().map { #"{"result":"hash-\#($0)","error":null,"id":\#($0)}"# }
            return Self.json(200, "[" + answers.joined(separator: ",") + "]")
        }) { server in
            let rpc = try client(server)
            _ = try? rpc.call("getblockcount", as: Int.self)  // move ids past 1 so matching cannot rely on position
            let results = try rpc.batch((0..<5).map { JSONRPCCall("getblockhash", [.integer(Int64($0))]) }, as: String.self)
            let hashes = try results.map { try $0.get() }
            #expect(hashes.count == 5)
            #expect(hashes == hashes.sorted())
            #expect(Set(hashes).count == 5)
        }
    }

    @Test func batchKeepsPerCallErrors() throws {
        try withLoopbackServer({ request in
            let ids = Self.ids(request)
            return Self.json(200, #"[{"result":null,"error":{"code":-8,"message":"out of range"},"id":\#(ids[1])},{"result":5,"error":null,"id":\#(ids[0])}]"#)
        }) { server in
            let results = try client(server).batch([JSONRPCCall("a"), JSONRPCCall("b")], as: Int.self)
            #expect(try results[0].get() == 5)
            guard case .failure(let error) = results[1] else {
                Issue.record("expected the second call to fail")
                return
            }
            #expect(error.code == .invalidParameter)
            #expect(error.method == "b")
        }
    }

    @Test func aMissingIDIsAnError() throws {
        try withLoopbackServer({ request in
            let id = Self.ids(request)[0]
            return Self.json(200, #"[{"result":1,"error":null,"id":\#(id)}]"#)
        }) { server in
            let error = try #require(throws: NodeAnswerError.self) {
                try client(server).batch([JSONRPCCall("a"), JSONRPCCall("b")], as: Int.self)
            }
            guard case .idMismatch(let detail) = error.kind else {
                Issue.record("expected an id mismatch, got \(error)")
                return
            }
            #expect(detail.contains("no answer for id"))
        }
    }

    @Test func aDuplicateIDIsAnError() throws {
        try withLoopbackServer({ request in
            let id = Self.ids(request)[0]
            return Self.json(200, #"[{"result":1,"error":null,"id":\#(id)},{"result":2,"error":null,"id":\#(id)}]"#)
        }) { server in
            let error = try #require(throws: NodeAnswerError.self) {
                try client(server).batch([JSONRPCCall("a"), JSONRPCCall("b")], as: Int.self)
            }
            #expect(error.kind == .idMismatch("duplicate id 1"))
        }
    }

    @Test func rawBatchReturnsExactResultText() throws {
        let block = #"{"hash":"00ff","tx":[{"txid":"a\"b","vout":[{"value":1e-8}]}],"n":[[],[{}]]}"#
        try withLoopbackServer({ request in
            let ids = Self.ids(request)
            return Self.json(200, #"[ {"id":\#(ids[1]),"error":{"code":-5,"message":"nope"},"result":null} , {"id":\#(ids[0]), "result" : \#(block)} ]"#)
        }) { server in
            let results = try client(server).rawBatch([JSONRPCCall("getblock", ["00ff", 2]), JSONRPCCall("getblock", ["11", 2])])
            #expect(try results[0].get() == Array(block.utf8))
            #expect((try? results[1].get()) == nil)
        }
    }

    @Test func aTruncatedBodyIsTransientAndReportedAsTruncated() throws {
        try withLoopbackServer({ _ in .truncated(HTTPResponse(status: 200, body: Array(#"{"result":"0000abcdef","error":null,"id":1}"#.utf8)), bytes: 15) }) { server in
            let error = try #require(throws: HTTPError.self) { try client(server).call("getblockhash", [1], as: String.self) }
            #expect(error.kind == .truncatedBody)
            #expect(error.isTransient)
            #expect(!error.description.contains(Self.password))
        }
    }

    @Test func aMalformedBodyIsATransientMalformedAnswer() throws {
        try withLoopbackServer({ _ in Self.json(200, #"{"result":{"a":[1,2"#) }) { server in
            let error = try #require(throws: NodeAnswerError.self) { try client(server).call("getblock", as: String.self) }
            guard case .malformed = error.kind else {
                Issue.record("expected malformed, got \(error)")
                return
            }
            #expect(error.isTransient)
            #expect(error.description.contains("truncated/malformed"))
        }
    }

    @Test func aResultOfTheWrongShapeNamesTheField() throws {
        try withLoopbackServer({ _ in Self.json(200, #"{"result":{"chain":"main","blocks":"many"},"error":null,"id":1}"#) }) { server in
            let error = try #require(throws: NodeAnswerError.self) { try client(server).call("getblockchaininfo", as: Info.self) }
            guard case .undecodableResult(let method, let detail) = error.kind else {
                Issue.record("expected undecodable, got \(error)")
                return
            }
            #expect(method == "getblockchaininfo")
            #expect(detail.contains("blocks"))
        }
    }

    @Test func aDroppedConnectionIsTransient() throws {
        try withLoopbackServer({ _ in .dropConnection }) { server in
            let error = try #require(throws: HTTPError.self) { try client(server).call("getblockcount", as: Int.self) }
            #expect(error.isTransient)
            #expect(!error.description.contains(Self.password))
        }
    }

    @Test func connectionRefusedIsPermanentAndHidesThePassword() throws {
        let port = try closedPort()
        let endpoint = try NodeEndpoint(rpcURL: "http://rpc:\(Self.password)@127.0.0.1:\(port)")
        let error = try #require(throws: HTTPError.self) {
            try JSONRPCClient(endpoint: endpoint).call("getblockcount", as: Int.self)
        }
        #expect(error.kind == .connectionRefused)
        #expect(!error.isTransient)
        #expect(!error.description.contains(Self.password))
    }

    @Test func cookieFileAuthenticationWorks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cookie-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("__cookie__:c00kie-pw\n".utf8).write(to: URL(fileURLWithPath: path))
        try withLoopbackServer({ request in
            guard let user = request.basicCredentials, user.user == "__cookie__", user.password == "c00kie-pw" else {
                return .respond(HTTPResponse(status: 401))
            }
            return Self.json(200, #"{"result":3,"error":null,"id":1}"#)
        }) { server in
            let endpoint = try NodeEndpoint(rpcURL: server.url, cookieFile: path)
            #expect(try JSONRPCClient(endpoint: endpoint).call("getblockcount", as: Int.self) == 3)
            // The node restarted with a new cookie: a new client reads it; a wrong one is refused.
            try Data("__cookie__:other".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: NodeAnswerError.self) { try JSONRPCClient(endpoint: endpoint).call("getblockcount", as: Int.self) }
        }
    }

    @Test("A node restarted with a new cookie: the refused request is sent once more with the new cookie")
    func renewedCookieIsReadAfterRefusal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cookie-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("__cookie__:first".utf8).write(to: URL(fileURLWithPath: path))
        let refusals = RequestCounter()
        // Like bitcoind, the server accepts whatever its cookie file says now.
        try withLoopbackServer({ request in
            let cookie = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            guard let user = request.basicCredentials, "\(user.user):\(user.password)" == cookie else {
                _ = refusals.next()
                return .respond(HTTPResponse(status: 401))
            }
            return Self.json(200, #"{"result":3,"error":null,"id":null}"#)
        }) { server in
            let rpc = try JSONRPCClient(endpoint: try NodeEndpoint(rpcURL: server.url, cookieFile: path))
            #expect(try rpc.call("getblockcount", as: Int.self) == 3)
            try Data("__cookie__:second".utf8).write(to: URL(fileURLWithPath: path))
            #expect(try rpc.call("getblockcount", as: Int.self) == 3)
            #expect(try rpc.call("getblockcount", as: Int.self) == 3)
            #expect(refusals.count == 1)

        }
    }

    @Test("A refused cookie that the file still holds, or refused URL credentials, are not sent again")
    func refusedCredentialsAreNotRetried() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cookie-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("__cookie__:stale".utf8).write(to: URL(fileURLWithPath: path))
        let refusals = RequestCounter()
        try withLoopbackServer({ _ in
            _ = refusals.next()
            return .respond(HTTPResponse(status: 401))
        }) { server in
            let cookie = try JSONRPCClient(endpoint: try NodeEndpoint(rpcURL: server.url, cookieFile: path))
            let error = try #require(throws: NodeAnswerError.self) { try cookie.call("getblockcount", as: Int.self) }
            #expect(error.exitStatus == .usage)
            #expect(refusals.count == 1)
            let basic = try client(server)
            #expect(throws: NodeAnswerError.self) { try basic.call("getblockcount", as: Int.self) }
            #expect(refusals.count == 2)
        }
    }

    @Test func aMissingCookieFileFailsBeforeConnecting() throws {
        let endpoint = try NodeEndpoint(rpcURL: "http://127.0.0.1:1", cookieFile: "/nonexistent/.cookie")
        let error = try #require(throws: NodeEndpointError.self) { try JSONRPCClient(endpoint: endpoint) }
        #expect(error.reason == .cookieMissing)
        #expect(error.exitStatus == .usage)
    }

    @Test func callsReuseOneConnection() throws {
        try withLoopbackServer({ _ in Self.json(200, #"{"result":1,"error":null,"id":null}"#) }) { server in
            let rpc = try client(server)
            for _ in 0..<10 { _ = try rpc.rawCall("getblockcount") }
            #expect(server.acceptedConnections == 1)
            #expect(rpc.connectionsOpened == 1)
        }
    }
}
