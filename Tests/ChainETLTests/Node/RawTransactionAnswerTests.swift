import ChainETL
import Foundation
import TestSupport
import Testing

@Suite("Rendering a raw transaction as a node's verbose answer")
struct RawTransactionAnswerTests {
    @Test("the genesis coinbase renders as the 2018 node described it")
    func genesisCoinbase() throws {
        let data = try FixtureFiles.data(
            "bitcoin-etl/bitcoin/block_0/rpc_response_getblock_000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f_2.json")
        let recorded = try JSONDecoder().decode(VerboseNodeBlock.self, from: data).tx[0]
        struct WithHex: Decodable { var tx: [Hex] }
        struct Hex: Decodable { var hex: String }
        let hex = try JSONDecoder().decode(WithHex.self, from: data).tx[0].hex
        let transaction = try Transaction(parsing: try #require(ChainETL.Hex.decode(hex)))

        let rendered = RawTransactionAnswer.render(transaction, parameters: Chain.bitcoin.parameters)
        let answer = try JSONDecoder().decode(NodeTransaction.self, from: Data(rendered))
        #expect(answer.txid == recorded.txid)
        #expect(answer.isCoinbase)
        #expect(answer.vin[0].coinbase == recorded.vin[0].coinbase)
        #expect(answer.vout.count == recorded.vout.count)
        for (mine, theirs) in zip(answer.vout, recorded.vout) {
            #expect(mine.value == theirs.value)
            #expect(mine.n == theirs.n)
            #expect(mine.scriptPubKey.hex == theirs.scriptPubKey.hex)
            #expect(mine.scriptPubKey.type == theirs.scriptPubKey.type)
            #expect(mine.scriptPubKey.reportedAddress == theirs.scriptPubKey.reportedAddress)
        }
        #expect(answer.vout[0].scriptPubKey.reportedAddress == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    }
}
