import ChainETL
import Foundation
import SimNode
import Testing

/// Calls a node in process the way an HTTP client would, and decodes answers with Foundation.
struct SimNodeTestClient {
    let node: SimNode

    func request(_ body: String, user: String = "simnode", password: String = "simnode") -> HTTPReply {
        let token = Data("\(user):\(password)".utf8).base64EncodedString()
        return node.reply(to: HTTPRequest(method: "POST", path: "/", headers: ["authorization": "Basic \(token)"],
                                          body: Array(body.utf8)))
    }

    static func response(of reply: HTTPReply) -> HTTPResponse? {
        switch reply {
        case .respond(let response): return response
        case .delayed(_, let then): return response(of: then)
        default: return nil
        }
    }

    /// The `result` of one call; fails the test on an RPC error.
    func call(_ method: String, _ params: String = "[]") throws -> Any {
        let response = try #require(Self.response(of: request(#"{"method":"\#(method)","params":\#(params),"id":7}"#)))
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(response.body), options: .fragmentsAllowed) as? [String: Any])
        #expect(envelope["error"] is NSNull, "\(method) \(params): \(String(describing: envelope["error"]))")
        return try #require(envelope["result"])
    }

    /// The status and error object of a call expected to fail.
    func failure(_ method: String, _ params: String = "[]") throws -> (status: Int, code: Int, message: String) {
        let response = try #require(Self.response(of: request(#"{"method":"\#(method)","params":\#(params),"id":7}"#)))
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let error = try #require(envelope["error"] as? [String: Any])
        return (response.status, try #require(error["code"] as? Int), try #require(error["message"] as? String))
    }

    func block(height: Int, verbosity: Int) throws -> [String: Any] {
        let hash = try #require(try call("getblockhash", "[\(height)]") as? String)
        return try #require(try call("getblock", #"["\#(hash)",\#(verbosity)]"#) as? [String: Any])
    }

    /// Satoshis of a JSON amount (exact below 2^53 satoshi, which every simnode amount is).
    static func satoshis(_ value: Any?) -> Int64 {
        guard let number = value as? NSNumber else { return Int64.min }
        return Int64((number.doubleValue * 100_000_000).rounded())
    }
}
