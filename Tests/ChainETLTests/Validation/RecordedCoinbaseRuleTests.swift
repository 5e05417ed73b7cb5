import ChainETL
import Foundation
import Testing
import TestSupport

/// `coinbase_within_reward` on real coinbases: Dogecoin's block 2 paid a random 729,752 DOGE (its early rewards
/// were up to 1,000,000), which a flat 10,000 DOGE ceiling refused, stopping every Dogecoin load at block 1.
@Suite("coinbase_within_reward accepts recorded coinbases", .temporaryDatabase)
struct RecordedCoinbaseRuleTests {
    @Test("Dogecoin block 2 (a 729,752 DOGE coinbase, no fees) passes every rule")
    func dogecoinBlock2() throws {
        let connection = try TestDatabase.current.connect()
        _ = try CraftedChain(connection: connection)  // applies the migrations
        let rows = try Self.dogecoinBlock2()
        let coinbase = try #require(rows.transactions.first)
        #expect(coinbase.isCoinbase)
        #expect(coinbase.outputValue == 72_975_200_000_000)
        let rules = ValidationRules(parameters: Chain.dogecoin.parameters)
        #expect(rules.checks(.coinbaseWithinReward))
        try connection.transaction { connection in
            try ChainWriter(connection: connection).append([rows], rules: rules)
        }
        #expect(try connection.query("SELECT count(*) FROM chain.blocks WHERE height = 2")[0].int(0) == 1)
    }

    /// Block 2 of the recorded Dogecoin answers (verbosity 1 plus getrawtransaction), derived as copy-raw does.
    private static func dogecoinBlock2() throws -> BlockRows {
        let folder = "bitcoin-etl/dogecoin/block_without_transactions"
        let files = try FixtureFiles.files(in: folder, prefix: "rpc_response_getblock_")
        let body = String(decoding: try Data(contentsOf: try #require(files.first)), as: UTF8.self)
        let header = try JSONDecoder().decode(TxidNodeBlock.self, from: Data(body.utf8))
        #expect(header.height == 2)
        let answers = try header.tx.map { txid in
            String(decoding: try FixtureFiles.data("\(folder)/rpc_response_getrawtransaction_\(txid).json"), as: UTF8.self)
        }
        let block = try LandedBlockText.verboseBlock(
            format: .txidsWithTransactions, body: body, transactions: "[" + answers.joined(separator: ",") + "]",
            height: header.height, hash: header.hash)
        return try BlockRows(block: block, amounts: AmountRules(parameters: Chain.dogecoin.parameters))
    }
}
