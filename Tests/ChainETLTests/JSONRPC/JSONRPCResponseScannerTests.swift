import ChainETL
import Testing

@Suite("Raw JSON-RPC answer scanner")
struct JSONRPCResponseScannerTests {
    /// The text of a span, for readable expectations.
    private func text(_ body: [UInt8], _ span: Range<Int>?) -> String? {
        span.map { String(decoding: body[$0], as: UTF8.self) }
    }

    @Test func findsExactSpansInTrickyJSON() throws {
        let result = #"{"a":"he said \"}]\" \\","b":[[1,[2,{}]],[]],"u":"\u00e9\ud83d\ude00","n":[1e-8,-0.5E+3,0,12345678901234567890],"t":true,"z":null}"#
        let error = #"{"code":-5,"message":"Block \"x\" not found"}"#
        let body = Array(" \n\t{ \"result\" :\r\n \(result) ,\"error\":\(error) , \"id\" : 7 }\n ".utf8)
        guard case .single(let element) = try JSONRPCResponseScanner.scan(body) else {
            Issue.record("expected a single answer")
            return
        }
        #expect(text(body, element.result) == result)
        #expect(text(body, element.error) == error)
        #expect(text(body, element.id) == "7")
    }

    @Test func scansBatchesAndScalarResults() throws {
        let body = Array(#"[{"result":"00ab","error":null,"id":2},{"id":1,"result":800000},{"result":null,"error":{"code":-1,"message":"m"},"id":3},{"jsonrpc":"2.0","id":"4","result":-1.5e3}]"#.utf8)
        guard case .batch(let elements) = try JSONRPCResponseScanner.scan(body) else {
            Issue.record("expected a batch")
            return
        }
        #expect(elements.count == 4)
        #expect(elements.map { text(body, $0.id) } == ["2", "1", "3", #""4""#])
        #expect(elements.map { text(body, $0.result) } == [#""00ab""#, "800000", "null", "-1.5e3"])
        #expect(text(body, elements[0].error) == "null")
        #expect(elements[1].error == nil)
        #expect(text(body, elements[2].error) == #"{"code":-1,"message":"m"}"#)
    }

    @Test func acceptsAnEmptyBatch() throws {
        #expect(try JSONRPCResponseScanner.scan(Array(" [ ] ".utf8)) == .batch([]))
    }

    @Test(arguments: [
        "",
        "   ",
        #"{"result":{"a":[1,2,3]},"id":1"#,  // cut before the final brace
        #"{"result":{"a":[1,2,3"#,  // cut inside nested arrays
        #"{"result":"abc"#,  // cut inside a string
        #"{"result":"ab\"#,  // cut after a backslash
        #"{"result":{"a":[1,2}],"id":1}"#,  // mismatched brackets
        #"{"result":12,"id":1} trailing"#,  // text after the answer
        #"{"result":01,"id":1}"#,  // leading zero
        #"{"result":1.,"id":1}"#,  // missing fraction digits
        #"{"result":tru,"id":1}"#,  // garbled literal
        #"{"result":1e,"id":1}"#,  // missing exponent digits
        #"[{"result":1,"id":1},]"#,  // trailing comma
        #"[{"result":1,"id":1}"#,  // unterminated batch
        "Work queue depth exceeded",
        "\"result\"",
        #"{"result":"a\#nb"}"#,  // raw control character in a string
    ])
    func rejectsMalformedOrTruncatedAnswers(text: String) {
        #expect(throws: JSONRPCResponseScanner.Failure.self) { try JSONRPCResponseScanner.scan(Array(text.utf8)) }
    }

    @Test func resultSpanOfABlockIsByteExact() throws {
        // A block-like result whose text contains every kind of token and escaped quotes in hex-like strings.
        var result = #"{"hash":"00000000","tx":["#
        for index in 0..<200 {
            if index > 0 { result += "," }
            result += #"{"txid":"\#(index)","vout":[{"value":0.00000001,"n":0,"scriptPubKey":{"asm":"OP_RETURN \"x\" [y] {z}","address":null}}],"fee":1E-8}"#
        }
        result += "]}"
        let body = Array(#"{"result":\#(result),"error":null,"id":1}"#.utf8)
        guard case .single(let element) = try JSONRPCResponseScanner.scan(body) else {
            Issue.record("expected a single answer")
            return
        }
        #expect(element.result.map { Array(body[$0]) } == Array(result.utf8))
    }
}
