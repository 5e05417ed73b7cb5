import Foundation

/// Turns an HTTP status and body into per-call outcomes: pure logic, tested without a network.
///
/// The body is parsed whatever the status, because bitcoind answers RPC errors with HTTP 500 (404 for an
/// unknown method) and the error object in the body. Only when the body is not a JSON-RPC answer does the
/// status decide the error, and for 502, 503 and 504: those come from an overloaded node or a proxy in front of
/// it, whose JSON body (`{"error":"Bad Gateway"}`) would otherwise read as a permanent node error.
enum JSONRPCAnswer {
    /// The result spans (into `body`) or node errors of the calls, in request order.
    static func outcomes(
        status: Int, body: [UInt8], calls: [JSONRPCCall], firstID: Int, isBatch: Bool, url: String
    ) throws -> [Result<Range<Int>, JSONRPCError>] {
        if status == 401 { throw NodeAnswerError(.unauthorized, url: url) }
        if status == 403 { throw NodeAnswerError(.forbidden, url: url) }
        if status == 503 { throw NodeAnswerError(.workQueueFull, url: url) }
        if status == 502 || status == 504 { throw NodeAnswerError(.httpStatus(status), url: url) }
        let shape: JSONRPCResponseScanner.Shape
        do {
            shape = try JSONRPCResponseScanner.scan(body)
        } catch {
            switch status {
            case 200: throw NodeAnswerError(.malformed(body.isEmpty ? "empty body" : error.description), url: url)
            default: throw NodeAnswerError(.httpStatus(status), url: url)
            }
        }
        switch shape {
        case .single(let element) where !isBatch:
            // A null id is what bitcoind sends when it could not read the request; any other id must be ours.
            if let idSpan = element.id, !isNull(body, idSpan), integer(in: body, idSpan) != firstID {
                throw NodeAnswerError(.idMismatch("answer id \(String(decoding: body[idSpan].prefix(40), as: UTF8.self)) for request id \(firstID)"), url: url)
            }
            return [outcome(of: element, body: body, method: calls[0].method, url: url)]
        case .single(let element):
            // The node rejected the batch as a whole (e.g. a JSON-RPC 2.0 style parse error).
            if case .failure(let error) = outcome(of: element, body: body, method: "batch", url: url) { throw error }
            throw NodeAnswerError(.malformed("a single answer to a batch request"), url: url)
        case .batch(let elements) where isBatch:
            return try matched(elements, body: body, calls: calls, firstID: firstID, url: url)
        case .batch:
            throw NodeAnswerError(.malformed("an array answer to a single request"), url: url)
        }
    }

    /// Orders batch answers by id: nodes may answer in any order, and every request needs exactly one answer.
    private static func matched(
        _ elements: [JSONRPCResponseScanner.Element], body: [UInt8], calls: [JSONRPCCall], firstID: Int, url: String
    ) throws -> [Result<Range<Int>, JSONRPCError>] {
        var slots = [JSONRPCResponseScanner.Element?](repeating: nil, count: calls.count)
        for element in elements {
            guard let idSpan = element.id, let id = integer(in: body, idSpan) else {
                throw NodeAnswerError(.idMismatch("an answer without a numeric id"), url: url)
            }
            let slot = id - firstID
            guard slots.indices.contains(slot) else { throw NodeAnswerError(.idMismatch("unknown id \(id)"), url: url) }
            guard slots[slot] == nil else { throw NodeAnswerError(.idMismatch("duplicate id \(id)"), url: url) }
            slots[slot] = element
        }
        return try slots.enumerated().map { slot, element in
            guard let element else { throw NodeAnswerError(.idMismatch("no answer for id \(firstID + slot)"), url: url) }
            return outcome(of: element, body: body, method: calls[slot].method, url: url)
        }
    }

    /// A present, non-null `error` wins; otherwise the `result` span (`null` included) is the answer.
    private static func outcome(
        of element: JSONRPCResponseScanner.Element, body: [UInt8], method: String, url: String
    ) -> Result<Range<Int>, JSONRPCError> {
        if let errorSpan = element.error, !isNull(body, errorSpan) {
            return .failure(rpcError(body, errorSpan, method: method, url: url))
        }
        guard let result = element.result else {
            return .failure(JSONRPCError(code: .internalError, message: "answer has neither result nor error", method: method, url: url))
        }
        return .success(result)
    }

    private struct ErrorObject: Decodable {
        var code: Int?
        var message: String?
    }

    /// Decodes `{"code":…,"message":…}`; an error of another shape keeps its text as the message.
    private static func rpcError(_ body: [UInt8], _ span: Range<Int>, method: String, url: String) -> JSONRPCError {
        if let object = try? JSONDecoder().decode(ErrorObject.self, from: Data(body[span])) {
            return JSONRPCError(code: .init(rawValue: object.code ?? 0), message: object.message ?? "", method: method, url: url)
        }
        let text = String(decoding: body[span].prefix(300), as: UTF8.self)
        return JSONRPCError(code: .init(rawValue: 0), message: text, method: method, url: url)
    }

    private static func isNull(_ body: [UInt8], _ span: Range<Int>) -> Bool {
        body[span].elementsEqual("null".utf8)
    }

    /// The id as an integer; ids we send are integers, some servers echo them as strings.
    private static func integer(in body: [UInt8], _ span: Range<Int>) -> Int? {
        var slice = body[span]
        if slice.count >= 2, slice.first == UInt8(ascii: "\""), slice.last == UInt8(ascii: "\"") {
            slice = slice.dropFirst().dropLast()
        }
        return Int(String(decoding: slice, as: UTF8.self))
    }
}
