import ChainETL
import Testing
import TestSupport

/// A node before Core 22 printed an address for P2PK outputs (the key's P2PKH address); a Core 23+ node's
/// `prevout` for the same output has none. A landing zone scraped partly before and partly after an upgrade
/// meets both, and the spend must still be copied, debiting the address the output credited.
@Suite("copy-raw across a node upgrade", .temporaryDatabase)
struct NodeUpgradeSpendTests {
    /// When the block that spends the P2PK output is copied.
    enum Timing: String, CaseIterable, CustomTestStringConvertible {
        case sameBatch = "in the same batch as the output"
        case nextCommit = "in the same run, one commit after the output"
        case laterRun = "in a later run than the output"
        var testDescription: String { rawValue }
    }

    @Test("a P2PK output landed with an old node's address, spent with a prevout that has none",
          arguments: Timing.allCases, [true, false])
    func payToPublicKeySpentAfterUpgrade(timing: Timing, checksSpentOutputs: Bool) throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        // An operator may switch the rule off to release a quarantined block; the ledger must balance anyway.
        if !checksSpentOutputs { try scenario.set(.spentOutputKnown, enabled: false) }
        let fee = QuarantineScenario.fee
        let coin = scenario.takeCoin()
        let owner = CraftedLandedBlock.address("pay-to-pubkey owner")
        let payToPublicKey = CraftedLandedBlock.Output(owner, coin.output.value - fee, scriptType: "pubkey")
        // Landed from the old node: verbosity 2, the P2PK output carrying the key's derived address.
        let old = scenario.block("old node", transfers: [
            .transfer("to p2pk", spending: [coin.input], paying: [payToPublicKey], fee: fee),
        ], format: .verbosity2)
        // Landed from the upgraded node: verbosity 3, its prevout without an address.
        let spend = CraftedLandedBlock.Input(
            spending: OutputReference(txid: old.transactions[1].txid, n: 0),
            prevout: CraftedLandedBlock.Output(nil, payToPublicKey.value, scriptType: "pubkey"))
        let payee = CraftedLandedBlock.address("after the upgrade")
        let new = scenario.block("new node", on: old, transfers: [
            .transfer("from p2pk", spending: [spend],
                      paying: [CraftedLandedBlock.Output(payee, payToPublicKey.value - fee)], fee: fee),
        ])

        try old.land(on: scenario.connection)
        if timing == .laterRun { try QuietCopyRaw.run(database: scenario.database) }
        try new.land(on: scenario.connection)
        try QuietCopyRaw.run(database: scenario.database) { options in
            if timing == .nextCommit { options.blocksPerCommit = 1 }
        }

        #expect(try scenario.quarantine().isEmpty)
        #expect(try scenario.chainTip()?.hash == new.hash)
        let input = try #require(try scenario.connection.query(
            "SELECT address, value FROM chain.inputs WHERE txid = $1", [new.transactions[1].txid]).first)
        #expect((input.isNull(0) ? nil : try input.string(0)) == owner)
        #expect(try input.int64(1) == payToPublicKey.value)
        let owned = try #require(try scenario.connection.query(
            "SELECT sum(received)::bigint, sum(sent)::bigint FROM chain.address_movements WHERE address = $1",
            [owner]).first)
        #expect(try owned.int64(0) == payToPublicKey.value)
        #expect(try owned.int64(1) == payToPublicKey.value)
        // Every address's ledger sum is what its unspent outputs hold.
        let unbalanced = try scenario.connection.query("""
            SELECT count(*)::bigint FROM (
                SELECT address, sum(received - sent) AS balance FROM chain.address_movements GROUP BY address
            ) ledger
            FULL JOIN (
                SELECT address, sum(value) AS unspent FROM chain.outputs
                WHERE spent_height IS NULL AND address IS NOT NULL GROUP BY address
            ) outputs USING (address)
            WHERE coalesce(balance, 0) <> coalesce(unspent, 0)
            """)
        #expect(try unbalanced.first?.int(0) == 0)
    }
}
