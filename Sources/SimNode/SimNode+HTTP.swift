import ChainETL

/// The HTTP face of the node, as bitcoind's: basic auth (401 with an empty body), POST only, JSON-RPC
/// 1.0 envelopes, batches as arrays (always HTTP 200), single-call errors as HTTP 500 (404 for an
/// unknown method) with the error object in the body, and the configured faults.
extension SimNode: HTTPHandler {
    public func reply(to request: HTTPRequest) -> HTTPReply {
        guard let credentials = request.basicCredentials, credentials.user == configuration.rpcUser,
              credentials.password == configuration.rpcPassword else {
            return .respond(HTTPResponse(status: 401, headers: [("WWW-Authenticate", "Basic realm=\"jsonrpc\"")]))
        }
        guard request.method == "POST" else {
            return .respond(HTTPResponse(status: 405, body: Array("JSONRPC server handles only POST requests".utf8)))
        }
        guard let parsed = RequestParser.parse(request.body) else {
            return .respond(jsonResponse(status: 500, envelope(id: .null, result: nil, error: .parseError)))
        }
        let calls: [RequestValue]
        if case .array(let batch) = parsed { calls = batch } else { calls = [parsed] }
        let isControl = calls.contains { call in
            if case .string(let method)? = call["method"] { return method.hasPrefix("simnode_") }
            return false
        }
        let fault = isControl ? nil : drawFault()
        if case .drop? = fault { return .dropConnection }
        if case .error(let useServiceUnavailable)? = fault {
            if useServiceUnavailable {
                return .respond(HTTPResponse(status: 503, body: Array("Work queue depth exceeded".utf8)))
            }
            let id = calls.first?["id"] ?? .null
            return .respond(jsonResponse(status: 500, envelope(id: id, result: nil,
                                                               error: RPCError(code: -32603, message: "Internal error"))))
        }
        let response: HTTPResponse
        if case .array = parsed {
            var body: [UInt8] = [UInt8(ascii: "[")]
            for (index, call) in calls.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                body.append(contentsOf: executeOne(call, counted: !isControl).body)
            }
            body.append(UInt8(ascii: "]"))
            response = jsonResponse(status: 200, body)
        } else {
            let answer = executeOne(parsed, counted: !isControl)
            response = jsonResponse(status: answer.status, answer.body)
        }
        switch fault {
        case .truncate?: return .truncated(response, bytes: response.body.count / 2)
        case .slow(let seconds)?: return .delayed(seconds: seconds, then: .respond(response))
        default: return .respond(response)
        }
    }

    private func executeOne(_ call: RequestValue, counted: Bool) -> (status: Int, body: [UInt8]) {
        let id = call["id"] ?? .null
        guard case .object = call, case .string(let method)? = call["method"] else {
            return (500, envelope(id: id, result: nil, error: RPCError(code: -32600, message: "Method must be a string")))
        }
        if counted {
            let warmingUp = withState { node -> Bool in
                node.callCount += 1
                return node.callCount <= node.faults.warmupCalls
            }
            if warmingUp { return (500, envelope(id: id, result: nil, error: .warmingUp)) }
        }
        var parameters: [RequestValue] = []
        switch call["params"] {
        case .array(let values)?: parameters = values
        case nil, .null?: parameters = []
        default: return (500, envelope(id: id, result: nil, error: RPCError(code: -32600, message: "Params must be an array")))
        }
        do {
            let result = try execute(method: method, parameters: parameters)
            return (200, envelope(id: id, result: result, error: nil))
        } catch {
            return (error.httpStatus, envelope(id: id, result: nil, error: error))
        }
    }

    private func envelope(id: RequestValue, result: [UInt8]?, error: RPCError?) -> [UInt8] {
        var json = JSONWriter(capacity: (result?.count ?? 0) + 64)
        json.beginObject()
        json.key("result")
        if let result { json.rawBytes(result) } else { json.null() }
        json.key("error")
        if let error {
            json.beginObject()
            json.key("code")
            json.integer(error.code)
            json.key("message")
            json.string(error.message)
            json.endObject()
        } else {
            json.null()
        }
        json.key("id")
        id.write(to: &json)
        json.endObject()
        json.bytes.append(0x0a)
        return json.bytes
    }

    private func jsonResponse(status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }
}
