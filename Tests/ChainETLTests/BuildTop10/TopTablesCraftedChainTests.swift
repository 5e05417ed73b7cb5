import ChainETL
import Testing
import TestSupport

/// SPEC.md, "Definitions", on chains whose top tables are computed by hand (see `TopTablesFixture`): ranks from 1,
/// ties by address or txid, windows counted back from the tip block, fewer rows than N, shares of supply.
@Suite("build-top10: top tables of crafted chains", .temporaryDatabase)
struct TopTablesCraftedChainTests {
    private let coin = TopTablesFixture.coin

    @Test("every table of the five-block chain, as computed by hand")
    func fiveBlockChain() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try connection.execute("""
            INSERT INTO etl.address_labels (address, label, category) VALUES
                ('1Genesis', 'Genesis block', 'satoshi'), ('1Carol', NULL, 'exchange'), ('1Zed', 'unused', 'other')
            """)
        #expect(try connection.query("SELECT supply FROM chain.blocks WHERE height = 4")[0].int64(0) == 19_890_000_000)

        let summary = try QuietBuildTop10.run(database: database)
        #expect(summary.rebuild.tipHeight == 4)
        #expect(summary.rebuild.changedTables == TopTable.allCases)

        // Fewer positive balances (7) than TOP_RICHEST_N (20); 1Frank and 1Henry tie at 10 coins.
        // Shares of 198.9 coins, rounded to 8 decimals; 1Genesis counts although its coins are not in supply.
        #expect(try TopTableRows.richest(connection) == [
            ["1", "1Carol", "7500000000", "37.70739065", nil],
            ["2", "1Genesis", "5000000000", "25.13826043", "Genesis block"],
            ["3", "1Gina", "4900000000", "24.63549522", nil],
            ["4", "1Bob", "3490000000", "17.54650578", nil],
            ["5", "1Ivan", "2000000000", "10.05530417", nil],
            ["6", "1Frank", "1000000000", "5.02765209", nil],
            ["7", "1Henry", "1000000000", "5.02765209", nil],
        ])

        // All 5 blocks are in the window; h3 pays 1Carol and 1Bob, h4's OP_RETURN output has no address. Shares
        // are of the 100-block window (SPEC.md: blocks ÷ 100 × 100), so they add up to 6 here.
        #expect(try TopTableRows.miners(connection) == [
            ["1", "1Bob", "2", "2.00000000", "7500000000"],
            ["2", "1Carol", "2", "2.00000000", "7500000000"],
            ["3", "1Alice", "1", "1.00000000", "5000000000"],
            ["4", "1Genesis", "1", "1.00000000", "5000000000"],
        ])

        // h2 (49 coins to 1Gina) is exactly 24 h before the tip: outside. h4's two transfers tie at 20 coins.
        let tied = [chain.txid(height: 4, tx: 1)!, chain.txid(height: 4, tx: 2)!]
        let tiedInOrder = tied[0] < tied[1] ? [(tied[0], "1"), (tied[1], "2")] : [(tied[1], "2"), (tied[0], "1")]
        let tipTime = "\(TopTablesFixture.tipTime)"
        #expect(try TopTableRows.transactions(connection) == [
            ["1", chain.txid(height: 3, tx: 1)!, "3", "1", "\(TopTablesFixture.t0 + 87_000)", "4990000000", "10000000"],
            ["2", tiedInOrder[0].0, "4", tiedInOrder[0].1, tipTime, "2000000000", "0"],
            ["3", tiedInOrder[1].0, "4", tiedInOrder[1].1, tipTime, "2000000000", "0"],
        ])

        // h3 and h4 only; four addresses tie at 2 transactions, three at 1.
        #expect(try TopTableRows.activeAddresses(connection) == [
            ["1", "1Bob", "2", "3490000000", "5000000000"],
            ["2", "1Carol", "2", "7500000000", "0"],
            ["3", "1Dave", "2", "2000000000", "2000000000"],
            ["4", "1Erin", "2", "2000000000", "2000000000"],
            ["5", "1Frank", "1", "1000000000", "0"],
            ["6", "1Henry", "1", "1000000000", "0"],
            ["7", "1Ivan", "1", "2000000000", "0"],
        ])

        // Shorter than 145 blocks: the hashrate runs from the first block, over the work of h1...h4.
        #expect(try TopTableRows.status(connection) == [
            ["4", chain.hash(at: 4)!, tipTime, "4", "19890000000", "7"],
        ])
        #expect(try TopTableRows.hashrate(connection) == (2.0 + 2 + 4 + 4) * 4_294_967_296 / 88_200)
    }

    @Test("with wallet-stats itself filling stats.address_stats the tables are the hand-computed ones")
    func withWalletStats() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietWalletStats.run(database: database)
        try QuietBuildTop10.run(database: database)
        let fromWalletStats = try TopTableRows.all(connection)
        #expect(fromWalletStats[0].count == 7)

        // The stand-in's balances (checked by hand in fiveBlockChain) give exactly the same tables.
        try WalletStatsStandIn.refresh(connection)
        let again = try QuietBuildTop10.run(database: database)
        #expect(again.rebuild.changedTables.isEmpty)
        #expect(try TopTableRows.all(connection) == fromWalletStats)
    }

    @Test("TOP_RICHEST_N cuts the list; the tie at the cut falls to the address")
    func topRichestN() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)

        try QuietBuildTop10.run(database: database, extra: ["TOP_RICHEST_N": "6"])
        #expect(try TopTableRows.richest(connection).map { $0[1]! }
            == ["1Carol", "1Genesis", "1Gina", "1Bob", "1Ivan", "1Frank"])

        try QuietBuildTop10.run(database: database, extra: ["TOP_RICHEST_N": "1"])
        #expect(try TopTableRows.richest(connection) == [["1", "1Carol", "7500000000", "37.70739065", nil]])
    }

    @Test("the last 100 blocks for miners, 144 for the hashrate, on a 150-block chain")
    func windowsOfALongerChain() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        // Heights 0...49 pay 1Old (outside the window 50...149). In the window even heights pay 1PoolA, odd
        // ones 1PoolB; 140...149 also pay 1PoolC one coin; h149 pays 1PoolB twice (it counts once).
        for height in Int64(0)..<150 {
            var coinbase: [CraftedPayment]
            if height < 50 {
                coinbase = [CraftedPayment("1Old", 50 * coin)]
            } else if height == 149 {
                coinbase = [CraftedPayment("1PoolB", 25 * coin), CraftedPayment("1PoolB", 25 * coin)]
            } else {
                coinbase = [CraftedPayment(height % 2 == 0 ? "1PoolA" : "1PoolB", 50 * coin)]
            }
            if height >= 140 { coinbase.append(CraftedPayment("1PoolC", coin)) }
            try chain.mine(time: TopTablesFixture.t0 + 600 * height, difficulty: Double(height + 1), coinbase: coinbase)
        }
        try WalletStatsStandIn.refresh(connection)

        try QuietBuildTop10.run(database: database)
        #expect(try TopTableRows.miners(connection) == [
            ["1", "1PoolA", "50", "50.00000000", "250000000000"],
            ["2", "1PoolB", "50", "50.00000000", "250000000000"],
            ["3", "1PoolC", "10", "10.00000000", "1000000000"],
        ])
        // Work of h6...h149 (difficulty h + 1, i.e. 7...150, summing to 11,304) over t(149) - t(5) = 86,400 s.
        #expect(try TopTableRows.hashrate(connection) == 11_304.0 * 4_294_967_296 / 86_400)
        // All blocks lie within 24 h except h0 ... h5 (t(149) - 24 h = t(5), excluded); 144 blocks of one coinbase
        // each: 1PoolB has 50, 1PoolA 50, 1PoolC 10, 1Old 44 (h6...h49).
        #expect(try TopTableRows.activeAddresses(connection).map { [$0[1], $0[2]] } == [
            ["1PoolA", "50"], ["1PoolB", "50"], ["1Old", "44"], ["1PoolC", "10"],
        ])
        #expect(try TopTableRows.transactions(connection).isEmpty)
    }

    @Test("an empty chain gives empty tables and no status row; the first blocks then fill them")
    func emptyChain() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)

        let empty = try QuietBuildTop10.run(database: database)
        #expect(empty.rebuild.tipHeight == nil)
        #expect(empty.rebuild.rowsWritten == 0)
        #expect(try TopTableRows.all(connection).allSatisfy(\.isEmpty))

        try chain.mine(time: TopTablesFixture.t0, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        try WalletStatsStandIn.refresh(connection)
        try QuietBuildTop10.run(database: database)
        // One block: the genesis coinbase is not in supply (share NULL), and no hashrate can be measured yet.
        #expect(try TopTableRows.richest(connection) == [["1", "1Genesis", "5000000000", nil, nil]])
        #expect(try TopTableRows.status(connection) == [["0", chain.hash(at: 0)!, "\(TopTablesFixture.t0)", "1", "0", "1"]])
        #expect(try TopTableRows.hashrate(connection) == nil)
    }

    @Test("after a reorg the tables are those of the new best chain")
    func reorganisation() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietBuildTop10.run(database: database)

        // h4 leaves; its replacement pays the coinbase to 1Zoe and has no transfers.
        try chain.orphan(depth: 1)
        try chain.mine(time: TopTablesFixture.tipTime + 60, difficulty: 8, coinbase: [CraftedPayment("1Zoe", 50 * coin)])
        try WalletStatsStandIn.refresh(connection)
        try QuietBuildTop10.run(database: database)

        // Supply: 49 (1Gina) + 25 + 25 (h3 coinbase) + 9.9 + 20 + 20 (h3 transfer) + 50 (1Zoe) = 198.9 coins.
        #expect(try TopTableRows.status(connection) == [
            ["4", chain.hash(at: 4)!, "\(TopTablesFixture.tipTime + 60)", "8", "19890000000", "7"],
        ])
        #expect(try TopTableRows.transactions(connection).map { $0[1] } == [chain.txid(height: 3, tx: 1)])
        #expect(try TopTableRows.miners(connection).map { [$0[1], $0[2]] } == [
            ["1Bob", "2"], ["1Alice", "1"], ["1Carol", "1"], ["1Genesis", "1"], ["1Zoe", "1"],
        ])
        #expect(try TopTableRows.activeAddresses(connection).map { [$0[1], $0[2]] } == [
            ["1Bob", "2"], ["1Carol", "1"], ["1Dave", "1"], ["1Erin", "1"], ["1Zoe", "1"],
        ])
    }

    @Test("a second run over the same inputs writes nothing; a new label rewrites top_richest and updated_at only")
    func idempotent() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietBuildTop10.run(database: database)
        let tables = try TopTableRows.all(connection)
        let updatedAt = try TopTableRows.updatedAt(connection)
        let versions = try connection.query("SELECT xmin::text FROM stats.top_miners ORDER BY rank").map { try $0.string(0) }

        let again = try QuietBuildTop10.run(database: database)
        #expect(again.rebuild.changedTables.isEmpty)
        #expect(again.rebuild.rowsWritten == 0)
        #expect(again.rebuild.rowsComputed == 7 + 4 + 3 + 7 + 1)
        #expect(try TopTableRows.all(connection) == tables)
        #expect(try TopTableRows.updatedAt(connection) == updatedAt)
        #expect(try connection.query("SELECT xmin::text FROM stats.top_miners ORDER BY rank").map { try $0.string(0) } == versions)

        try connection.execute("INSERT INTO etl.address_labels (address, label, category) VALUES ('1Bob', 'Bob''s pool', 'miner')")
        let labelled = try QuietBuildTop10.run(database: database)
        #expect(labelled.rebuild.changedTables == [.richest])
        #expect(labelled.rebuild.rowsWritten == 7 + 1)
        #expect(try TopTableRows.richest(connection)[3] == ["4", "1Bob", "3490000000", "17.54650578", "Bob's pool"])
        #expect(try TopTableRows.updatedAt(connection) > updatedAt)
        #expect(try connection.query("SELECT xmin::text FROM stats.top_miners ORDER BY rank").map { try $0.string(0) } == versions)
    }

    @Test("each run is recorded in etl.job_runs with the tip height and the rows computed and written")
    func jobRuns() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietBuildTop10.run(database: database)
        try QuietBuildTop10.run(database: database)
        let runs = try TopTableRows.rows(connection, """
            SELECT status, rows_in::text, rows_out::text, from_height::text, to_height::text
            FROM etl.job_runs WHERE tool = 'build-top10' ORDER BY id
            """)
        #expect(runs == [["success", "22", "22", "4", "4"], ["success", "22", "0", "4", "4"]])
    }

    @Test("without wallet-stats' tables the run fails saying to run wallet-stats first, and records the failure")
    func missingWalletStats() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try chain.mine(time: TopTablesFixture.t0, coinbase: [CraftedPayment("1Genesis", 50 * coin)])
        let error = #expect(throws: BuildTop10Error.self) { try QuietBuildTop10.run(database: database) }
        guard case .missingInput(let table, let producer, _) = error else {
            Issue.record("expected missingInput, got \(String(describing: error))")
            return
        }
        #expect(table == "stats.address_stats" && producer == "wallet-stats")
        #expect(error?.exitStatus == .failure)
        #expect(error?.description.contains("run wallet-stats first") == true)
        #expect(try TopTableRows.rows(connection, "SELECT status FROM etl.job_runs WHERE tool = 'build-top10'") == [["failure"]])
    }
}
