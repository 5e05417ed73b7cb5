import ChainETL
import SimNode
import TestSupport
import Testing

/// scrape, copy-raw and wallet-stats against the simulated node over a few thousand blocks: every balance equals
/// what the node itself holds for the address and the unspent outputs of `chain.outputs`, the distributions
/// partition and add up, and after reorgs the incremental state equals `--full` and a clean run.
@Suite("wallet-stats against simnode", .temporaryDatabase)
struct WalletStatsSimNodeTests {
    /// A window shorter than the chain's two weeks, so old days leave it as the tip moves.
    private static let environment = ["ADDRESS_DAILY_DAYS": "5"]

    private static func load(_ database: TestDatabase, from url: String) throws {
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        try QuietWalletStats.run(database: database, environment: environment)
    }

    @Test("a 2,000-block chain: balances, distributions, reorgs, --full and a clean run agree")
    func simnodeChain() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 31, initialBlocks: 2_000, transactionsPerBlock: 3,
                                                               addressPoolSize: 400))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()
        try Self.load(database, from: url)
        try Self.checkBalances(connection, node: node)
        try Self.checkDistributions(connection)

        // New blocks, then a reorg, each applied by an incremental run.
        node.mine(40)
        try Self.load(database, from: url)
        node.reorganize(depth: 7, newLength: 9)
        try Self.load(database, from: url)
        node.reorganize(depth: 3, newLength: 2)
        node.mine(5)
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(!summary.reorgDepths.isEmpty)
        try QuietCopyRaw.run(database: database)
        let applied = try QuietWalletStats.run(database: database, environment: Self.environment)
        #expect(applied.mode == .applied && applied.blocksLeft > 0)
        try Self.checkBalances(connection, node: node)
        try Self.checkDistributions(connection)

        let incremental = try QuietWalletStats.state(database)
        let again = try QuietWalletStats.run(database: database, environment: Self.environment)
        #expect(again.mode == .upToDate && again.distributionsChanged.isEmpty)
        #expect(try QuietWalletStats.state(database) == incremental)
        try QuietWalletStats.run(database: database, full: true, environment: Self.environment)
        let full = try QuietWalletStats.state(database)
        #expect(full == incremental, "\(full.differences(from: incremental))")

        let clean = try withCleanDatabase { cleanDatabase in
            try Self.load(cleanDatabase, from: url)
            return try QuietWalletStats.state(cleanDatabase)
        }
        #expect(clean.withoutCursor == incremental.withoutCursor, "\(clean.differences(from: incremental))")
    }

    private func withCleanDatabase<Result>(_ body: (TestDatabase) throws -> Result) throws -> Result {
        let database = try TestDatabase.create()
        defer { try? database.drop() }
        return try body(database)
    }

    /// Balances equal the node's own per-address unspent value and `chain.outputs`; counts agree.
    private static func checkBalances(_ connection: PostgresConnection, node: SimNode) throws {
        try WalletStatsRandomHistoryTests.expectBalancesMatchUnspentOutputs(connection)
        var balances: [String: Int64] = [:]
        for row in try connection.query("SELECT address, balance FROM stats.address_stats WHERE balance > 0") {
            balances[try row.string(0)] = try row.int64(1)
        }
        #expect(balances == node.unspentValueByAddress().filter { $0.value > 0 })
        let last = try #require(try connection.query("""
            SELECT total_addresses, nonempty_addresses FROM stats.daily_addresses ORDER BY day DESC LIMIT 1
            """).first)
        let counts = try connection.query("SELECT count(*), count(*) FILTER (WHERE balance > 0) FROM stats.address_stats")[0]
        #expect(try last.int64(0) == counts.int64(0))
        #expect(try last.int64(1) == counts.int64(1))
        #expect(try counts.int(1) == balances.count)
    }

    /// Percentiles partition the positive balances in order; shares add up; top-N and thresholds match direct SQL.
    private static func checkDistributions(_ connection: PostgresConnection) throws {
        let groups = try connection.query("""
            SELECT percentile, addresses, balance_sum::text, balance_min, balance_max, share::text
            FROM stats.balance_percentiles ORDER BY percentile
            """).map { row in
            (percentile: try row.int(0), addresses: try row.int(1), sum: try row.string(2), min: try row.int64(3),
             max: try row.int64(4), share: Double(try row.string(5)) ?? .nan)
        }
        let positive = try connection.query(
            "SELECT count(*), sum(balance)::text FROM stats.address_stats WHERE balance > 0")[0]
        let count = try positive.int(0)
        try #require(count >= 100, "the chain should have more than 100 non-empty addresses, has \(count)")
        #expect(groups.map(\.percentile) == Array(1...100))
        #expect(groups.reduce(0) { $0 + $1.addresses } == count)
        let sizes = groups.map(\.addresses)
        #expect(sizes.max()! - sizes.min()! <= 1 && sizes == sizes.sorted(by: >))
        for (lower, upper) in zip(groups, groups.dropFirst()) { #expect(lower.max <= upper.min) }
        let sums = try connection.query("SELECT sum(balance_sum)::text, sum(share) FROM stats.balance_percentiles")[0]
        #expect(try sums.string(0) == positive.string(1))
        #expect(abs(Double(try sums.string(1))! - 100) < 1e-6)

        let topMismatches = try connection.query("""
            WITH tip AS (SELECT supply FROM chain.blocks ORDER BY height DESC LIMIT 1)
            SELECT t.top_n FROM stats.top_share t
            WHERE t.balance_sum <> (SELECT coalesce(sum(balance), 0) FROM (
                      SELECT balance FROM stats.address_stats WHERE balance > 0 ORDER BY balance DESC LIMIT t.top_n) x)
               OR t.share <> round(t.balance_sum * 100 / (SELECT supply FROM tip), 8)
            """)
        #expect(topMismatches.isEmpty)
        #expect(try connection.query("SELECT count(*) FROM stats.top_share")[0].int(0) == 4)
        let thresholdMismatches = try connection.query("""
            SELECT t.threshold FROM stats.balance_thresholds t
            WHERE t.addresses <> (SELECT count(*) FROM stats.address_stats s WHERE s.balance >= t.threshold)
               OR t.balance_sum <> (SELECT coalesce(sum(balance), 0) FROM stats.address_stats s WHERE s.balance >= t.threshold)
            """)
        #expect(thresholdMismatches.isEmpty)
        #expect(try connection.query("SELECT count(*) FROM stats.balance_thresholds")[0].int(0) == 8)
    }
}
