@testable import ChainETL
import Foundation
import Testing

@Suite("JSON-RPC request bodies")
struct JSONRPCRequestTests {
    @Test func writesLegacyJSONRPC1Requests() {
        var bytes: [UInt8] = []
        JSONRPCRequestWriter.write(JSONRPCCall("getblock", ["00ab", 2]), id: 5, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"jsonrpc":"1.0","id":5,"method":"getblock","params":["00ab",2]}"#)
    }

    @Test func writesBatchesWithConsecutiveIDs() {
        let bytes = JSONRPCRequestWriter.writeBatch([JSONRPCCall("getblockcount"), JSONRPCCall("getblockhash", [7])], firstID: 10)
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"[{"jsonrpc":"1.0","id":10,"method":"getblockcount","params":[]},{"jsonrpc":"1.0","id":11,"method":"getblockhash","params":[7]}]"#)
    }

    @Test func escapesStringsAndWritesEveryValueKind() throws {
        let value: JSONValue = .array([
            "q\"b\\n\n\u{1}é", .integer(-9_223_372_036_854_775_808), true, nil,
            .object([("z", 1), ("a", ["x"])]),
        ])
        var bytes: [UInt8] = []
        value.write(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"["q\"b\\n\n\u0001é",-9223372036854775808,true,null,{"z":1,"a":["x"]}]"#)
        // The same value through Encodable parses to the same JSON.
        let encoded = try JSONEncoder().encode(value)
        let viaEncoder = try JSONSerialization.jsonObject(with: encoded) as? NSArray
        let viaWriter = try JSONSerialization.jsonObject(with: Data(bytes)) as? NSArray
        #expect(viaEncoder == viaWriter)
    }
}
