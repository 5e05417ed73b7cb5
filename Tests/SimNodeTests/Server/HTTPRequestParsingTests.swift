import Foundation
@testable import SimNode
import Testing

@Suite("HTTP request heads and basic auth")
struct HTTPRequestParsingTests {
    @Test func findsTheEndOfTheHead() {
        let bytes = Array("POST / HTTP/1.1\r\nA: b\r\n\r\nbody".utf8)
        #expect(HTTPRequestHead.endOfHead(in: bytes) == bytes.count - 4)
        #expect(HTTPRequestHead.endOfHead(in: Array("POST / HTTP/1.1\r\nA: b\r\n".utf8)) == nil)
    }

    @Test func parsesRequestLineAndLowerCasesHeaderNames() throws {
        let head = try HTTPRequestHead(parsing: ArraySlice("POST /x HTTP/1.1\r\nContent-Length:  12 \r\nAUTHORIZATION: Basic abc\r\n\r\n".utf8))
        #expect(head.method == "POST")
        #expect(head.path == "/x")
        #expect(head.headers == ["content-length": "12", "authorization": "Basic abc"])
        #expect(head.keepsAlive)
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() throws {
        #expect(try !HTTPRequestHead(parsing: ArraySlice("GET / HTTP/1.0\r\n\r\n".utf8)).keepsAlive)
        #expect(try HTTPRequestHead(parsing: ArraySlice("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n".utf8)).keepsAlive)
        #expect(try !HTTPRequestHead(parsing: ArraySlice("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".utf8)).keepsAlive)
    }

    @Test(arguments: ["\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n"])
    func rejectsMalformedHeads(text: String) {
        #expect(throws: HTTPRequestHead.Malformed.self) { try HTTPRequestHead(parsing: ArraySlice(text.utf8)) }
    }

    @Test func readsBasicCredentials() {
        let token = Data("__cookie__:pa:ss".utf8).base64EncodedString()
        let request = HTTPRequest(method: "POST", path: "/", headers: ["authorization": "Basic \(token)"], body: [])
        #expect(request.basicCredentials?.user == "__cookie__")
        #expect(request.basicCredentials?.password == "pa:ss")
        #expect(HTTPRequest(method: "POST", path: "/", headers: [:], body: []).basicCredentials == nil)
        #expect(HTTPRequest(method: "POST", path: "/", headers: ["authorization": "Basic !!!"], body: []).basicCredentials == nil)
        #expect(HTTPRequest(method: "POST", path: "/", headers: ["authorization": "Bearer x"], body: []).basicCredentials == nil)
    }
}
