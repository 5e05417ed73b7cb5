import ChainETL
import Testing
import TestSupport

/// Dogecoin has no cap: its supply (about 1.5e19 base units) is past what `bigint` holds, so the running supply
/// and the published `stats.network_status.supply` are numeric, and every share of it still computes.
@Suite("the supply grows past Int64", .temporaryDatabase)
struct SupplyBeyondInt64Tests {
    @Test("copy-raw stores a supply beyond Int64, and build-top10 publishes it")
    func supplyBeyondInt64() throws {
        var scenario = try QuarantineScenario(database: TestDatabase.current)
        let tip = try #require(try scenario.chainTip())
        // Where an uncapped chain's running total stands (only the tip's total is carried forward).
        let near = "9223372036854775000"
        try scenario.connection.execute("UPDATE chain.blocks SET supply = $1::numeric WHERE height = $2", [near, tip.height])
        let block = scenario.goodBlock()
        try block.land(on: scenario.connection)
        #expect(try QuietCopyRaw.run(database: scenario.database).blocksCopied == 1)
        // The coinbase pays subsidy + fee, the transfer passes its coin on less the fee: the supply grows by the subsidy.
        let expected = "9223372041854775000"
        #expect(scenario.rules.subsidy(atHeight: block.height) == 5_000_000_000)
        #expect(try scenario.connection.query(
            "SELECT supply::text FROM chain.blocks WHERE height = $1", [block.height]).first?.string(0) == expected)

        try QuietWalletStats.run(database: scenario.database)
        try QuietBuildTop10.run(database: scenario.database)
        #expect(try scenario.connection.query("SELECT supply::text FROM stats.network_status").first?.string(0) == expected)
        // Shares of the supply are tiny now, but computed.
        #expect(try scenario.connection.query(
            "SELECT count(*) FROM stats.top_richest WHERE share IS NOT NULL AND share < 0.001")[0].int(0) > 0)
    }
}
