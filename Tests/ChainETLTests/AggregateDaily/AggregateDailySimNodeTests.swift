import ChainETL
import SimNode
import TestSupport
import Testing

/// scrape + copy-raw + aggregate-daily against the simulated node: the daily tables and windows equal the sums
/// of the per-block data computed the obvious way (`NaiveDailyStats`), after growth and after a reorg across a
/// day boundary, and the incremental state always equals `--full`.
@Suite("aggregate-daily against simnode", .temporaryDatabase)
struct AggregateDailySimNodeTests {
    /// Blocks about 600 s apart: 144 a day, so 2,000 blocks span two weeks. A short halving interval makes the
    /// subsidy change between days.
    private func makeNode(blocks: Int) -> SimNode {
        SimNode(configuration: SimNodeConfiguration(
            seed: 77, initialBlocks: blocks, transactionsPerBlock: 3, halvingInterval: 1_000))
    }

    private func load(_ database: TestDatabase, from url: String) throws {
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
    }

    /// The stored tables equal the naive computation, row for row.
    private func expectNaiveTotals(_ connection: PostgresConnection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let blocks = try DailyBlocksRow.read(connection)
        let naiveBlocks = try NaiveDailyStats.blocks(connection)
        #expect(blocks.count == naiveBlocks.count && !blocks.isEmpty, sourceLocation: sourceLocation)
        for (stored, naive) in zip(blocks, naiveBlocks) where !stored.matches(naive) {
            Issue.record("daily_blocks\n  stored: \(stored)\n  naive:  \(naive)", sourceLocation: sourceLocation)
        }
        let transactions = try DailyTransactionsRow.read(connection)
        let naiveTransactions = try NaiveDailyStats.transactions(connection)
        #expect(transactions.count == naiveTransactions.count, sourceLocation: sourceLocation)
        for (stored, naive) in zip(transactions, naiveTransactions) where stored != naive {
            Issue.record("daily_transactions\n  stored: \(stored)\n  naive:  \(naive)", sourceLocation: sourceLocation)
        }
        for period in BlockWindowPeriod.allCases {
            let stored = try BlockWindowRow.read(connection, period: period.rawValue)
            let naive = try NaiveDailyStats.windows(connection, period)
            #expect(stored.count == naive.count, "\(period)", sourceLocation: sourceLocation)
            for (row, expected) in zip(stored, naive) where !row.matches(expected) {
                Issue.record("block_windows\n  stored: \(row)\n  naive:  \(expected)", sourceLocation: sourceLocation)
            }
        }
        // The sums over days are the sums over the chain.
        let chain = try connection.query("""
            SELECT (SELECT count(*) FROM chain.blocks),
                   (SELECT sum(output_value) FILTER (WHERE is_coinbase) - sum(fee) FROM chain.transactions)::text,
                   (SELECT sum(blocks) FROM stats.daily_blocks),
                   (SELECT issued_total::text FROM stats.daily_blocks ORDER BY day DESC LIMIT 1)
            """)[0]
        #expect(try chain.int64(0) == chain.int64(2), sourceLocation: sourceLocation)
        #expect(try chain.string(1) == chain.string(3), sourceLocation: sourceLocation)
    }

    /// `--full` leaves the state the incremental runs built, rewriting no row.
    private func expectFullEqualsIncremental(_ database: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let incremental = try QuietAggregateDaily.state(database)
        let full = try QuietAggregateDaily.run(database: database) { $0.scope = .full }
        #expect(full.rowsWritten == 0, sourceLocation: sourceLocation)
        let after = try QuietAggregateDaily.state(database)
        #expect(after == incremental, "\(after.differences(from: incremental))", sourceLocation: sourceLocation)
    }

    @Test("2,000 blocks in runs of growing size: daily totals are the sums of the per-block data; a second run changes nothing")
    func totalsEqualPerBlockSums() throws {
        let node = makeNode(blocks: 1_500)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()

        try load(database, from: url)
        let first = try QuietAggregateDaily.run(database: database) { $0.blocksPerStatement = 700 }
        #expect(first.blockHeights == 0...1_500)
        try expectNaiveTotals(connection)

        // Hourly-sized runs: six blocks, then 300 at once.
        for count in [6, 6, 300, 194] {
            node.mine(count)
            try load(database, from: url)
            let run = try QuietAggregateDaily.run(database: database)
            #expect(run.blocksRecomputed == count)
            #expect(run.daysRecomputed <= 5, "\(run)")
        }
        try expectNaiveTotals(connection)

        let versions = try QuietAggregateDaily.rowVersions(database)
        let idle = try QuietAggregateDaily.run(database: database)
        #expect(idle.rowsWritten == 0 && idle.changesApplied == 0)
        #expect(try QuietAggregateDaily.rowVersions(database) == versions)
        try expectFullEqualsIncremental(database)
    }

    @Test("a reorg whose fork lies before midnight and whose new tip after: both days recomputed, equal to --full")
    func reorgAcrossDayBoundary() throws {
        let node = makeNode(blocks: 430)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()
        try load(database, from: url)
        try QuietAggregateDaily.run(database: database)

        // Fork three blocks before the last midnight the chain passed.
        let lastBeforeMidnight = try connection.query("""
            SELECT max(height) FROM chain.blocks
            WHERE time < date_trunc('day', (SELECT time FROM chain.blocks ORDER BY height DESC LIMIT 1) AT TIME ZONE 'UTC')
                         AT TIME ZONE 'UTC'
            """)[0].int64(0)
        let depth = node.blockCount - Int(lastBeforeMidnight) + 3
        let before = try DailyBlocksRow.read(connection)
        node.reorganize(depth: depth, newLength: depth + 4)
        try load(database, from: url)
        let run = try QuietAggregateDaily.run(database: database)
        #expect(run.changesApplied == Int64(2 * depth + 4))
        #expect(run.blockHeights == (lastBeforeMidnight - 2)...Int64(node.blockCount))
        #expect(run.daysRecomputed >= 2)
        let after = try DailyBlocksRow.read(connection)
        #expect(after.suffix(2) != before.suffix(2))
        try expectNaiveTotals(connection)
        try expectFullEqualsIncremental(database)

        // A shorter branch (the chain loses height) across the same midnight.
        node.reorganize(depth: depth + 2, newLength: 1)
        try load(database, from: url)
        try QuietAggregateDaily.run(database: database)
        try expectNaiveTotals(connection)
        try expectFullEqualsIncremental(database)
    }
}
