import ChainETL
import Foundation
import TestSupport
import Testing

/// SPEC.md `stats.daily_blocks` and `stats.daily_transactions` on a hand-made chain (`CraftedDays`), every
/// column against values computed by hand: a day boundary, a block whose time goes back across midnight, an
/// empty day between two days with blocks, the genesis day; then reorgs that move blocks between days.
@Suite("aggregate-daily: daily statistics on a crafted chain", .temporaryDatabase)
struct AggregateDailyCraftedTests {
    private func expectRows(
        _ connection: PostgresConnection, blocks: [DailyBlocksRow], transactions: [DailyTransactionsRow],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let storedBlocks = try DailyBlocksRow.read(connection)
        #expect(storedBlocks.map(\.day) == blocks.map(\.day), sourceLocation: sourceLocation)
        for (stored, expected) in zip(storedBlocks, blocks) where !stored.matches(expected) {
            Issue.record("daily_blocks\n  stored:   \(stored)\n  expected: \(expected)", sourceLocation: sourceLocation)
        }
        let storedTransactions = try DailyTransactionsRow.read(connection)
        #expect(storedTransactions.count == transactions.count, "\(storedTransactions)", sourceLocation: sourceLocation)
        for (stored, expected) in zip(storedTransactions, transactions) where stored != expected {
            Issue.record("daily_transactions\n  stored:   \(stored)\n  expected: \(expected)", sourceLocation: sourceLocation)
        }
    }

    /// After a run, `--full` on the same database rewrites nothing and leaves the same state.
    private func expectFullChangesNothing(_ database: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let incremental = try QuietAggregateDaily.state(database)
        let versions = try QuietAggregateDaily.rowVersions(database)
        let full = try QuietAggregateDaily.run(database: database) { $0.scope = .full }
        #expect(full.rowsWritten == 0, sourceLocation: sourceLocation)
        let after = try QuietAggregateDaily.state(database)
        #expect(after == incremental, "\(after.differences(from: incremental))", sourceLocation: sourceLocation)
        #expect(try QuietAggregateDaily.rowVersions(database) == versions, sourceLocation: sourceLocation)
    }

    @Test("every column by hand, in a session whose time zone is 14 hours ahead of UTC")
    func everyColumn() throws {
        let database = try TestDatabase.current
        // Days are UTC days whatever the session's TimeZone; the database default moves every session.
        try database.connect().executeScript(
            "ALTER DATABASE \(PostgresIdentifier.quoted(database.name)) SET timezone TO 'Pacific/Kiritimati'")
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedDays.mine(&chain)

        let summary = try QuietAggregateDaily.run(database: database)
        #expect(summary.blockHeights == 0...8)
        #expect(summary.days.map { "\($0.lowerBound)...\($0.upperBound)" } == "2020-12-31...2021-01-04")
        #expect(summary.changesApplied == 9)
        try expectRows(connection, blocks: CraftedDays.expectedBlocks, transactions: CraftedDays.expectedTransactions)
        #expect(try connection.query("SELECT position FROM etl.cursors WHERE consumer = 'aggregate-daily'")[0].int64(0)
                == (try connection.query("SELECT max(sequence) FROM chain.block_changes")[0].int64(0)))

        // Two runs in a row: the second rewrites no row (the tip's day and the day before are recomputed, and
        // come out the same).
        let versions = try QuietAggregateDaily.rowVersions(database)
        let second = try QuietAggregateDaily.run(database: database)
        #expect(second.rowsWritten == 0 && second.changesApplied == 0)
        #expect(second.days.map { "\($0.lowerBound)...\($0.upperBound)" } == "2021-01-03...2021-01-04")
        #expect(try QuietAggregateDaily.rowVersions(database) == versions)
        try expectFullChangesNothing(database)
    }

    @Test("blocks arriving one run at a time give the same rows as one run over all of them")
    func oneBlockPerRun() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        var runs = 0
        try CraftedDays.mine(&chain) {
            let summary = try QuietAggregateDaily.run(database: database)
            #expect(summary.changesApplied == 1)
            runs += 1
        }
        #expect(runs == 9)
        try expectRows(connection, blocks: CraftedDays.expectedBlocks, transactions: CraftedDays.expectedTransactions)
        try expectFullChangesNothing(database)
    }

    @Test("two days without a block between runs: an hourly run writes their rows as --full does")
    func emptyDaysBetweenRuns() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try chain.mine(time: CraftedDays.day0 + 100, difficulty: 4, size: 1_000,
                       coinbase: [CraftedPayment("1Ann", 5_000_000_000)])
        try chain.mine(time: CraftedDays.day0 + 700, difficulty: 4, size: 1_000,
                       coinbase: [CraftedPayment("1Ann", 5_000_000_000)])
        try QuietAggregateDaily.run(database: database)
        // The next block comes on day 3: days 1 and 2 have none.
        try chain.mine(time: CraftedDays.day3 + 100, difficulty: 4, size: 1_000,
                       coinbase: [CraftedPayment("1Bob", 5_000_000_000)])
        try QuietAggregateDaily.run(database: database)
        let days = try connection.query(
            "SELECT to_char(day, 'YYYY-MM-DD'), blocks, issued_total::text FROM stats.daily_blocks ORDER BY day"
        ).map { "\(try $0.string(0)) \(try $0.int(1)) \(try $0.string(2))" }
        #expect(days == ["2020-12-31 2 10000000000", "2021-01-01 0 10000000000", "2021-01-02 0 10000000000",
                         "2021-01-03 1 15000000000"])
        #expect(try connection.query("SELECT count(*) FROM stats.daily_transactions WHERE day = '2021-01-01'")[0].int(0) == 2)
        try expectFullChangesNothing(database)
    }

    @Test("a reorg across a day boundary: the new blocks' days are recomputed, a day that lost its blocks goes")
    func reorgAcrossDayBoundary() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedDays.mine(&chain)
        try QuietAggregateDaily.run(database: database)

        // Heights 6 (day 2), 7 and 8 (day 4) leave; a new 6 on day 2 without a transfer and a new 7 on day 3 join.
        try chain.orphan(depth: 3)
        try chain.mine(time: CraftedDays.day2 + 700, difficulty: 8, size: 900,
                       coinbase: [CraftedPayment("1Ivy", 2_400_000_000)])
        try chain.mine(time: CraftedDays.day3 + 100, difficulty: 8, size: 1_000,
                       coinbase: [CraftedPayment("1Ivy", 2_500_000_000)])
        let summary = try QuietAggregateDaily.run(database: database)
        #expect(summary.changesApplied == 5)
        #expect(summary.blockHeights == 6...7)

        var blocks = Array(CraftedDays.expectedBlocks.prefix(2))
        // Heights 4 and 6': intervals 20 and 6' - 5 = 1,100; hashrate (4+8) * 2^32 over time(6') - time(3) = 710 s.
        blocks.append(DailyBlocksRow(
            day: "2021-01-02", blocks: 2, firstHeight: 4, lastHeight: 6, sizeMean: "1950", sizeMin: 900,
            sizeMax: 3_000, intervalMean: "560", intervalMin: 20, intervalMax: 1_100, difficultyMean: 6,
            hashrate: 12 * CraftedDays.work / 710, subsidySum: "7400000000", feeSum: "150000", feeMean: "75000",
            rewardSum: "7400150000", rewardMean: "3700075000", issuedTotal: "29900000000"))
        // Height 7' alone: interval 7' - 6' = 85,800, which is also the hashrate's span.
        blocks.append(DailyBlocksRow(
            day: "2021-01-03", blocks: 1, firstHeight: 7, lastHeight: 7, sizeMean: "1000", sizeMin: 1_000,
            sizeMax: 1_000, intervalMean: "85800", intervalMin: 85_800, intervalMax: 85_800, difficultyMean: 8,
            hashrate: 8 * CraftedDays.work / 85_800, subsidySum: "2500000000", feeSum: "0", feeMean: "0",
            rewardSum: "2500000000", rewardMean: "2500000000", issuedTotal: "32400000000"))
        var transactions = Array(CraftedDays.expectedTransactions.prefix(4))
        transactions += [
            CraftedDays.coinbase("2021-01-02", count: 2, amount: "7400150000", outputs: 2),
            DailyTransactionsRow(
                day: "2021-01-02", type: "transfer", count: 2, amountSum: "5999850000", feeSum: "150000",
                feeMean: "75000", feeMin: 50_000, feeMax: 100_000, inputCount: 2, outputCount: 4),
            CraftedDays.coinbase("2021-01-03", count: 1, amount: "2500000000", outputs: 1),
            CraftedDays.noTransfers("2021-01-03"),
        ]
        try expectRows(connection, blocks: blocks, transactions: transactions)
        try expectFullChangesNothing(database)
    }

    @Test("a reorg that changes an earlier day's subsidy carries issued_total through later days it did not touch")
    func issuedTotalCarriedPastUntouchedDays() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedDays.mine(&chain)
        // Height 9's time goes back to day 3, so the tip's day (3) lies before day 4, which holds heights 7 and 8.
        try chain.mine(time: CraftedDays.day3 + 80_000, difficulty: 16, size: 700,
                       coinbase: [CraftedPayment("1Judy", 2_500_000_000)])
        try QuietAggregateDaily.run(database: database)
        let before = try DailyBlocksRow.read(connection)
        #expect(before.map(\.issuedTotal) == ["5000000000", "22500000000", "30000000000", "32500000000", "37500000000"])

        // Replace height 9 by a block paying 500,000,000 less: days 2 and 3 are recomputed, day 4 only carried.
        try chain.orphan(depth: 1)
        try chain.mine(time: CraftedDays.day3 + 80_100, difficulty: 16, size: 700,
                       coinbase: [CraftedPayment("1Judy", 2_000_000_000)])
        let summary = try QuietAggregateDaily.run(database: database)
        #expect(summary.days.map { "\($0.lowerBound)...\($0.upperBound)" } == "2021-01-02...2021-01-03")
        let after = try DailyBlocksRow.read(connection)
        #expect(after.map(\.issuedTotal) == ["5000000000", "22500000000", "30000000000", "32000000000", "37000000000"])
        #expect(after[3].subsidySum == "2000000000")
        // Day 4's own columns did not change.
        var dayFour = after[4], dayFourBefore = before[4]
        dayFour.issuedTotal = ""
        dayFourBefore.issuedTotal = ""
        #expect(dayFour.matches(dayFourBefore))
        try expectFullChangesNothing(database)
    }

    @Test("--from/--to recomputes the days asked for and repairs them, leaving the cursor")
    func dayRangeRepairs() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        try CraftedDays.mine(&chain)
        try QuietAggregateDaily.run(database: database)
        let good = try QuietAggregateDaily.state(database)

        // Damage day 2 (and the per-block totals behind it) the way a bad manual edit would.
        try connection.execute("UPDATE stats.daily_blocks SET blocks = 99, issued_total = 1 WHERE day = '2021-01-02'")
        try connection.execute("UPDATE stats.block_transaction_totals SET amount_sum = 1 WHERE height = 4")
        try connection.execute("DELETE FROM stats.daily_transactions WHERE day = '2021-01-02'")

        let summary = try QuietAggregateDaily.run(database: database) {
            $0.scope = .days(from: UTCDay(parsing: "2021-01-02"), to: UTCDay(parsing: "2021-01-02"))
        }
        #expect(summary.blockHeights == 4...6)
        #expect(summary.changesApplied == 0)
        let repaired = try QuietAggregateDaily.state(database)
        #expect(repaired == good, "\(repaired.differences(from: good))")

        // A range beyond the chain recomputes nothing and changes nothing.
        let outside = try QuietAggregateDaily.run(database: database) {
            $0.scope = .days(from: UTCDay(parsing: "2030-01-01"), to: nil)
        }
        #expect(outside.days == nil && outside.rowsWritten == 0)
    }
}
