@testable import ChainETL
import Foundation
import Testing

@Suite("NODE_RPC_URL and cookie files")
struct NodeEndpointTests {
    @Test func splitsCredentialsFromTheURL() throws {
        let endpoint = try NodeEndpoint(rpcURL: "http://user:pass@127.0.0.1:8332")
        #expect(endpoint.url == "http://127.0.0.1:8332")
        #expect(endpoint.authentication == .basic(BasicCredentials(user: "user", password: "pass")))
    }

    @Test func percentDecodesUserAndPassword() throws {
        let endpoint = try NodeEndpoint(rpcURL: "http://us%40er:p%3Ass%2F%40%25@localhost:18332/wallet/w1")
        #expect(endpoint.url == "http://localhost:18332/wallet/w1")
        #expect(try endpoint.currentCredentials() == BasicCredentials(user: "us@er", password: "p:ss/@%"))
    }

    @Test func aURLWithoutCredentialsHasNone() throws {
        let endpoint = try NodeEndpoint(rpcURL: "https://[::1]:8332")
        #expect(endpoint.url == "https://[::1]:8332")
        #expect(try endpoint.currentCredentials() == nil)
    }

    @Test(arguments: [
        ("127.0.0.1:8332", NodeEndpointError.Reason.notAURL),
        ("ftp://h:1", .unsupportedScheme),
        ("http://u:p@:8332", .missingHost),
        ("http://u:p@h:99999", .badPort),
        ("http://u:p%zz@h:1", .badPercentEncoding),
    ])
    func rejectsBadURLs(text: String, reason: NodeEndpointError.Reason) {
        let error = #expect(throws: NodeEndpointError.self) { try NodeEndpoint(rpcURL: text) }
        #expect(error?.reason == reason)
        #expect(error?.exitStatus == .usage)
        #expect(error.map { !$0.description.contains("p%zz") && !$0.description.contains("u:p@") } == true)
    }

    @Test func credentialsInTheURLAndACookieFileConflict() {
        let error = #expect(throws: NodeEndpointError.self) {
            try NodeEndpoint(rpcURL: "http://u:s3cr3t@h:1", cookieFile: "/tmp/.cookie")
        }
        #expect(error?.reason == .credentialsTwice)
        #expect(error.map { !$0.description.contains("s3cr3t") } == true)
    }

    @Test func readsTheCookieFileEachTimeCredentialsAreAsked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cookie-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("__cookie__:first\n".utf8).write(to: URL(fileURLWithPath: path))
        let endpoint = try NodeEndpoint(rpcURL: "http://127.0.0.1:8332", cookieFile: path)
        #expect(try endpoint.currentCredentials() == BasicCredentials(user: "__cookie__", password: "first"))
        try Data("__cookie__:second".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try endpoint.currentCredentials() == BasicCredentials(user: "__cookie__", password: "second"))
    }

    @Test func aMissingCookieFileIsAClearUsageError() throws {
        let endpoint = try NodeEndpoint(rpcURL: "http://127.0.0.1:8332", cookieFile: "/nonexistent/dir/.cookie")
        let error = #expect(throws: NodeEndpointError.self) { try endpoint.currentCredentials() }
        #expect(error?.reason == .cookieMissing)
        #expect(error?.exitStatus == .usage)
        #expect(error?.description.contains("/nonexistent/dir/.cookie") == true)
    }

    @Test(arguments: ["", "no colon here", ":password", "__cookie__:", "\n__cookie__:x"])
    func rejectsMalformedCookies(text: String) {
        let error = #expect(throws: NodeEndpointError.self) { try CookieFile.parse(Data(text.utf8), path: "/c") }
        #expect(error?.reason == .cookieMalformed)
    }

    @Test func cookieParsingTakesTheFirstLineOnly() throws {
        let credentials = try CookieFile.parse(Data("__cookie__:abc:def\r\nsecond line".utf8), path: "/c")
        #expect(credentials == BasicCredentials(user: "__cookie__", password: "abc:def"))
        #expect(!"\(credentials)".contains("abc"))
    }
}
