@testable import ChainETL
import Testing

@Suite("Classifying JSON-RPC answers by status and body")
struct JSONRPCAnswerTests {
    private let url = "http://u:s3cr3t@127.0.0.1:8332"

    private func outcomes(_ status: Int, _ body: String, batch: Bool = false) throws -> [Result<Range<Int>, JSONRPCError>] {
        let calls = batch ? [JSONRPCCall("a"), JSONRPCCall("b")] : [JSONRPCCall("getblockcount")]
        return try JSONRPCAnswer.outcomes(status: status, body: Array(body.utf8), calls: calls, firstID: 1, isBatch: batch, url: url)
    }

    private func answerError(_ status: Int, _ body: String, batch: Bool = false) -> NodeAnswerError? {
        #expect(throws: NodeAnswerError.self) { try outcomes(status, body, batch: batch) }
    }

    @Test func statusDecidesOnlyWhenTheBodyIsNotAnAnswer() {
        #expect(answerError(401, "")?.kind == .unauthorized)
        #expect(answerError(403, "")?.kind == .forbidden)
        #expect(answerError(503, "Work queue depth exceeded")?.kind == .workQueueFull)
        #expect(answerError(502, "<html>Bad Gateway</html>")?.kind == .httpStatus(502))
        #expect(answerError(502, "")?.isTransient == true)
        #expect(answerError(400, "nope")?.isTransient == false)
        #expect(answerError(200, "")?.kind == .malformed("empty body"))
    }

    @Test("a proxy's 502, 503 or 504 with a JSON body is a transient HTTP error, not a permanent node error")
    func gatewayStatusesWithJSONBodies() {
        for status in [502, 504] {
            let error = answerError(status, #"{"result":null,"error":{"code":-32000,"message":"upstream"},"id":1}"#)
            #expect(error?.kind == .httpStatus(status))
            #expect(error?.isTransient == true)
        }
        #expect(answerError(503, #"{"error":"Service Unavailable"}"#)?.kind == .workQueueFull)
        #expect(answerError(503, #"{"error":"Service Unavailable"}"#)?.isTransient == true)
    }

    @Test func aBodyWithAnErrorWinsOverTheStatus() throws {
        let result = try outcomes(500, #"{"result":null,"error":{"code":-28,"message":"Verifying blocks..."},"id":1}"#)
        guard case .failure(let error) = result[0] else {
            Issue.record("expected a node error")
            return
        }
        #expect(error.code == .warmingUp && error.isTransient)
        #expect(!error.description.contains("s3cr3t"))
    }

    @Test func anErrorThatIsNotAnObjectKeepsItsText() throws {
        guard case .failure(let error) = try outcomes(500, #"{"result":null,"error":"boom","id":1}"#)[0] else {
            Issue.record("expected a node error")
            return
        }
        #expect(error.message == #""boom""#)
    }

    @Test func aNullResultIsAResult() throws {
        let body = #"{"result":null,"error":null,"id":1}"#
        let span = try outcomes(200, body)[0].get()
        #expect(Array(body.utf8)[span] == Array("null".utf8)[...])
    }

    @Test func shapesMustMatchTheRequest() {
        #expect(answerError(200, #"[{"result":1,"id":1}]"#)?.kind == .malformed("an array answer to a single request"))
        #expect(answerError(200, #"{"result":1,"id":2}"#)?.kind == .idMismatch("answer id 2 for request id 1"))
        #expect(answerError(200, #"{"result":1,"id":1}"#, batch: true)?.kind == .malformed("a single answer to a batch request"))
        #expect(answerError(200, #"[{"result":1,"id":1},{"result":1,"id":9}]"#, batch: true)?.kind == .idMismatch("unknown id 9"))
        #expect(answerError(200, #"[{"result":1,"id":1},{"result":1}]"#, batch: true)?.kind == .idMismatch("an answer without a numeric id"))
    }
}
