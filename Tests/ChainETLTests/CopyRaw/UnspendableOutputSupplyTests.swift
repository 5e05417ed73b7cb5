import ChainETL
import Testing
import TestSupport

/// A script that begins with OP_RETURN but is not push-only is `nonstandard` to the node, and as unspendable as
/// `nulldata`: `gettxoutsetinfo` leaves it out, so the supply copy-raw stores must too, whichever way the node
/// sent the inputs (verbosity 3: the supply comes from the rows; verbosity 2: the spent part from SQL).
@Suite("copy-raw: supply leaves out every unspendable output", .temporaryDatabase)
struct UnspendableOutputSupplyTests {
    @Test("an OP_RETURN script the node calls nonstandard adds nothing to the supply",
          arguments: [LandedBlock.Format.verbosity3, .verbosity2])
    func nonstandardOpReturn(format: LandedBlock.Format) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let coin = scenario.takeCoin()
        let burned: Int64 = 1_000
        let fee = QuarantineScenario.fee
        let transfer = CraftedLandedBlock.Transaction.transfer(
            "burn", spending: [coin.input],
            paying: [
                CraftedLandedBlock.Output(CraftedLandedBlock.address("payee burn"), coin.output.value - fee - burned),
                // OP_RETURN OP_CHECKSIG: not push-only, so not nulldata, and never spendable.
                CraftedLandedBlock.Output(nil, burned, scriptType: "nonstandard", scriptHex: "6aac"),
            ],
            fee: fee)
        let block = scenario.block("burn", transfers: [transfer], format: format)
        try block.land(on: scenario.connection)
        #expect(try QuietCopyRaw.run(database: scenario.database).blocksCopied == 1)

        let supply = try scenario.connection.query(
            "SELECT height, supply FROM chain.blocks WHERE height >= $1 ORDER BY height", [block.height - 1]
        ).map { try $0.int64(1) }
        // The coinbase pays subsidy + fee, the transfer moves the coin's value less fee and what it burns.
        #expect(supply.count == 2)
        #expect(supply.last.map { $0 - supply[0] } == scenario.rules.subsidy(atHeight: block.height) - burned)
        // The output itself is stored as the node described it.
        let stored = try #require(try scenario.connection.query(
            "SELECT script_type, value, address IS NULL FROM chain.outputs WHERE block_height = $1 AND tx_index = 1 AND n = 1",
            [block.height]).first)
        #expect(try stored.string(0) == "nonstandard")
        #expect(try stored.int64(1) == burned)
        #expect(try stored.bool(2))
    }
}
