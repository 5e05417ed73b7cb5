@testable import ChainETL
import Foundation
import TestSupport
import Testing

@Suite("Stripping what describes the node's view, not the block")
struct VolatileFieldsTests {
    private static let block = #"{"hash":"aa","confirmations":12,"height":5,"nextblockhash":"bb","tx":[{"txid":"t","confirmations":3}],"time":1}"#

    @Test("confirmations and nextblockhash go; every other byte stays, nested members included")
    func strips() {
        let stripped = String(decoding: VolatileFields.stripped(Array(Self.block.utf8)), as: UTF8.self)
        #expect(stripped == #"{"hash":"aa","height":5,"tx":[{"txid":"t","confirmations":3}],"time":1}"#)
        #expect(VolatileFields.strippedText(Array(Self.block.utf8)) == stripped)
    }

    @Test("text that is not an object is kept as it is")
    func keepsOtherText() {
        for text in ["[1,2]", "\"x\"", "{\"a\":", ""] {
            #expect(VolatileFields.stripped(Array(text.utf8)) == Array(text.utf8))
        }
    }

    @Test("the parser's layout gives the same stored text as scanning", arguments: [
        "hirosystems+ordhook/getblock_v3_rpc_envelope_block279671.json",
        "bitcoin-etl/bitcoin/block_with_transactions/rpc_response_getblock_000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141_2.json",
    ])
    func layoutMatchesScan(path: String) throws {
        var text = String(decoding: try FixtureFiles.data(path), as: UTF8.self)
        if let start = text.range(of: "\"result\":"), let end = text.range(of: "\"error\":", options: .backwards) {
            text = String(text[start.upperBound..<end.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " \n,"))
        }
        let bytes = Array(text.utf8)
        let layout = try #require(bytes.withUnsafeBufferPointer { VerboseBlockParser.parseWithLayout($0) }?.layout)
        let viaLayout = VolatileFields.strippedText(bytes, layout: layout)
        #expect(viaLayout == VolatileFields.strippedText(bytes))
        #expect(!viaLayout.contains("\"confirmations\""))
        #expect(!viaLayout.contains("\"nextblockhash\""))
    }
}
