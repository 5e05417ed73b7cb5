@testable import ChainETL
import Testing
import TestSupport

/// build-top10 reads balances from `stats.address_stats` and everything else from `chain.*`; while wallet-stats
/// lags behind copy-raw (the half-hourly cron line, a failed wallet-stats run) the tables are built at the
/// block wallet-stats has counted, and left as they are when its balances match no block of the chain.
@Suite("build-top10: built at the height wallet-stats has counted", .temporaryDatabase)
struct TopTablesCountedHeightTests {
    private let coin = TopTablesFixture.coin

    /// The five-block chain of `TopTablesFixture`, counted by the stand-in and its tables built: where most
    /// tests here start.
    private func builtFiveBlockChain() throws -> (TestDatabase, PostgresConnection, CraftedChain) {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietBuildTop10.run(database: database)
        return (database, connection, chain)
    }

    @Test("a block copied after wallet-stats' run changes no table; wallet-stats' next run lets it in")
    func blockAfterWalletStats() throws {
        let (database, connection, built) = try builtFiveBlockChain()
        var chain = built
        let atFour = try TopTableRows.all(connection)

        // h5 pays 1Zoe 50 coins and moves 1Carol's h3 coins to 1Yan; stats.address_stats does not count it yet.
        try chain.mine(
            time: TopTablesFixture.tipTime + 600, difficulty: 8, coinbase: [CraftedPayment("1Zoe", 50 * coin)],
            transfers: [CraftedTransfer(spending: [CraftedOutpoint(height: 3, tx: 0, n: 0)],
                                        paying: [CraftedPayment("1Yan", 25 * coin)])])
        let lagging = try QuietBuildTop10.run(database: database)
        #expect(lagging.rebuild.tipHeight == 4)
        #expect(lagging.rebuild.chainTipHeight == 5)
        #expect(lagging.rebuild.blocksBehindChainTip == 1)
        #expect(lagging.rebuild.heldBack == nil)
        #expect(lagging.rebuild.changedTables.isEmpty)
        #expect(try TopTableRows.all(connection) == atFour)

        try WalletStatsStandIn.refresh(connection)
        let caughtUp = try QuietBuildTop10.run(database: database)
        #expect(caughtUp.rebuild.tipHeight == 5)
        #expect(caughtUp.rebuild.blocksBehindChainTip == 0)
        // Supply 198.9 + 50 coins; 1Carol's 75 are now 50, of 248.9.
        #expect(try TopTableRows.status(connection)[0][0] == "5")
        #expect(try TopTableRows.status(connection)[0][4] == "24890000000")
        #expect(try TopTableRows.richest(connection)[0] == ["1", "1Carol", "5000000000", "20.08838891", nil])
        #expect(try TopTableRows.miners(connection).map(\.[1]).contains("1Zoe"))
    }

    @Test("several blocks behind: every table is the one a run at wallet-stats' height gave")
    func severalBlocksBehind() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try chain.mine(time: TopTablesFixture.t0, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        try chain.mine(time: TopTablesFixture.t0 + 600, coinbase: [CraftedPayment("1Alice", 50 * coin)])
        try WalletStatsStandIn.refresh(connection)
        try QuietBuildTop10.run(database: database)
        let atOne = try TopTableRows.all(connection)

        // Three more blocks within 24 h of h1, each a new miner and a transfer of 1Alice's coins.
        for (offset, miner) in ["1Bob", "1Carol", "1Dave"].enumerated() {
            let height = Int64(offset + 2)
            try chain.mine(
                time: TopTablesFixture.t0 + 600 * (height + 1), coinbase: [CraftedPayment(miner, 50 * coin)],
                transfers: height == 2
                    ? [CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                                       paying: [CraftedPayment("1Erin", 50 * coin)])]
                    : [])
        }
        let lagging = try QuietBuildTop10.run(database: database)
        #expect(lagging.rebuild.tipHeight == 1)
        #expect(lagging.rebuild.blocksBehindChainTip == 3)
        #expect(lagging.rebuild.changedTables.isEmpty)
        #expect(try TopTableRows.all(connection) == atOne)
        #expect(try TopTableRows.transactions(connection).isEmpty)
        #expect(try TopTableRows.activeAddresses(connection).map(\.[1]) == ["1Alice", "1Genesis"])
    }

    @Test("a reorg wallet-stats has not applied leaves the tables as they were, until it has")
    func reorganisationNotYetApplied() throws {
        let (database, connection, built) = try builtFiveBlockChain()
        var chain = built
        let before = try TopTableRows.all(connection)
        let updatedAt = try TopTableRows.updatedAt(connection)

        // h4 leaves (the balances still count it) and a block paying 1Zoe replaces it.
        try chain.orphan(depth: 1)
        try chain.mine(time: TopTablesFixture.tipTime + 60, difficulty: 8, coinbase: [CraftedPayment("1Zoe", 50 * coin)])
        let held = try QuietBuildTop10.run(database: database)
        #expect(held.rebuild.heldBack == .walletStatsBeforeReorganisation(height: 4))
        #expect(held.rebuild.tipHeight == nil)
        #expect(held.rebuild.chainTipHeight == 4)
        #expect(held.rebuild.rowsWritten == 0)
        #expect(held.rebuild.heldBack?.message.contains("run wallet-stats, then build-top10") == true)
        #expect(try TopTableRows.all(connection) == before)
        #expect(try TopTableRows.updatedAt(connection) == updatedAt)
        let run = try TopTableRows.rows(connection, """
            SELECT status, from_height::text FROM etl.job_runs WHERE tool = 'build-top10' ORDER BY id DESC LIMIT 1
            """)
        #expect(run == [["success", nil]])

        try WalletStatsStandIn.refresh(connection)
        let applied = try QuietBuildTop10.run(database: database)
        #expect(applied.rebuild.heldBack == nil)
        #expect(applied.rebuild.tipHeight == 4)
        #expect(try TopTableRows.status(connection)[0][1] == chain.hash(at: 4))
        #expect(try TopTableRows.miners(connection).map(\.[1]).contains("1Zoe"))
    }

    @Test("balances of a chain wallet-stats never counted are not published")
    func walletStatsNeverRan() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try chain.mine(time: TopTablesFixture.t0, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        let held = try QuietBuildTop10.run(database: database)
        #expect(held.rebuild.heldBack == .walletStatsNotRun)
        #expect(held.rebuild.chainTipHeight == 0)
        #expect(try TopTableRows.all(connection).allSatisfy(\.isEmpty))
    }

    @Test("a block that joined and left again after wallet-stats' run changes nothing; its replacement is not counted")
    func joinedAndLeftAfterTheCursor() throws {
        let (database, connection, built) = try builtFiveBlockChain()
        var chain = built
        let atFour = try TopTableRows.all(connection)

        try chain.mine(time: TopTablesFixture.tipTime + 600, coinbase: [CraftedPayment("1Zoe", 50 * coin)])
        try chain.orphan(depth: 1)
        try chain.mine(time: TopTablesFixture.tipTime + 660, coinbase: [CraftedPayment("1Yan", 50 * coin)])
        let lagging = try QuietBuildTop10.run(database: database)
        #expect(lagging.rebuild.heldBack == nil)
        #expect(lagging.rebuild.tipHeight == 4 && lagging.rebuild.chainTipHeight == 5)
        #expect(try TopTableRows.all(connection) == atFour)
    }

    @Test("a cursor past the change log (chain tables rebuilt since) counts no block of this chain: held back")
    func cursorPastTheChangeLog() throws {
        let (database, connection, _) = try builtFiveBlockChain()
        let atFour = try TopTableRows.all(connection)

        try WalletStatsUpdater.cursor.advance(to: 1_000, on: connection)
        let held = try QuietBuildTop10.run(database: database)
        #expect(held.rebuild.heldBack == .walletStatsNotRun)
        #expect(try TopTableRows.all(connection) == atFour)
    }

    @Test("with wallet-stats itself: a block behind, then behind a reorg, then caught up")
    func withWalletStats() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietWalletStats.run(database: database)
        try QuietBuildTop10.run(database: database)
        let atFour = try TopTableRows.all(connection)

        try chain.mine(time: TopTablesFixture.tipTime + 600, coinbase: [CraftedPayment("1Zoe", 50 * coin)])
        let behind = try QuietBuildTop10.run(database: database)
        #expect(behind.rebuild.tipHeight == 4 && behind.rebuild.chainTipHeight == 5)
        #expect(try TopTableRows.all(connection) == atFour)

        // h4 and h5 leave, three blocks replace them: the balances still count h4.
        try chain.orphan(depth: 2)
        for offset: Int64 in 1...3 {
            try chain.mine(time: TopTablesFixture.tipTime + 60 * offset, coinbase: [CraftedPayment("1Yan", 50 * coin)])
        }
        let held = try QuietBuildTop10.run(database: database)
        #expect(held.rebuild.heldBack == .walletStatsBeforeReorganisation(height: 4))
        #expect(try TopTableRows.all(connection) == atFour)

        try QuietWalletStats.run(database: database)
        let caughtUp = try QuietBuildTop10.run(database: database)
        #expect(caughtUp.rebuild.tipHeight == 6 && caughtUp.rebuild.heldBack == nil)
        #expect(try TopTableRows.status(connection)[0][1] == chain.hash(at: 6))
        #expect(try TopTableRows.miners(connection).first?[1] == "1Yan")
    }

    @Test("the decision from the change log after wallet-stats' cursor", arguments: [
        // (departed, lowest uncounted, chain tip) → counted
        (nil, nil, nil, CountedChain.empty),
        (nil, nil, 9, .through(height: 9, chainTip: 9)),
        (nil, 7, 9, .through(height: 6, chainTip: 9)),
        (nil, 0, 9, .uncounted(chainTip: 9)),
        (5, 7, 9, .departed(height: 5, chainTip: 9)),
        (0, nil, nil, .departed(height: 0, chainTip: nil)),
    ] as [(Int64?, Int64?, Int64?, CountedChain)])
    func decision(departed: Int64?, uncounted: Int64?, tip: Int64?, expected: CountedChain) {
        #expect(CountedChain(departedHeight: departed, lowestUncountedHeight: uncounted, chainTip: tip) == expected)
    }

    @Test("a cursor past the change log counts nothing, whatever the log says")
    func cursorPastChangeLogDecision() {
        #expect(CountedChain(departedHeight: nil, lowestUncountedHeight: nil, chainTip: 9, cursorPastChangeLog: true)
            == .uncounted(chainTip: 9))
        #expect(CountedChain(departedHeight: 3, lowestUncountedHeight: nil, chainTip: nil, cursorPastChangeLog: true)
            == .empty)
    }
}
