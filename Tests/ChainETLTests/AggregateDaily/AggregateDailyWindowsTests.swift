import ChainETL
import TestSupport
import Testing

/// SPEC.md `stats.block_windows`: week, month and all, bucket boundaries on chains whose length is not a
/// multiple of the bucket size, kept right as blocks arrive and leave.
@Suite("aggregate-daily: block windows", .temporaryDatabase)
struct AggregateDailyWindowsTests {
    private func expectWindows(
        _ connection: PostgresConnection, _ period: BlockWindowPeriod, _ expected: [BlockWindowRow],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let stored = try BlockWindowRow.read(connection, period: period.rawValue)
        #expect(stored.count == expected.count, "\(period): \(stored.count) buckets, expected \(expected.count)",
                sourceLocation: sourceLocation)
        for (row, wanted) in zip(stored, expected) where !row.matches(wanted) {
            Issue.record("\n  stored:   \(row)\n  expected: \(wanted)", sourceLocation: sourceLocation)
        }
    }

    private func bucket(
        _ period: String, _ bucket: Int, _ heights: ClosedRange<Int64>, difficulty: Double, sum: String, min: String,
        max: String, tx: Int64, mean: String?
    ) -> BlockWindowRow {
        BlockWindowRow(
            period: period, bucket: bucket, lowerHeight: heights.lowerBound, upperHeight: heights.upperBound,
            blocks: heights.count, difficultyMean: difficulty, volumeSum: sum, volumeMin: min, volumeMax: max,
            txCount: tx, volumeMean: mean)
    }

    @Test("20 crafted blocks by hand: week buckets of 6 with a partial last, one partial month and all bucket")
    func craftedShortChain() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try CraftedChain(connection: connection)
        // Block h: difficulty h + 1; from height 1 one transfer spending the coinbase below it (5,000,000,000)
        // and paying 5,000,000,000 - 10·h, so its volume is 5,000,000,000 - 10·h.
        func mine(_ height: Int64) throws {
            let transfers = height == 0 ? [] : [CraftedTransfer(
                spending: [CraftedOutpoint(height: height - 1, tx: 0, n: 0)],
                paying: [CraftedPayment("1Payee\(height)", 5_000_000_000 - 10 * height)])]
            try chain.mine(time: 1_704_067_200 + 600 * height, difficulty: Double(height + 1),
                           coinbase: [CraftedPayment("1Miner", 5_000_000_000)], transfers: transfers)
        }
        for height in Int64(0)...19 { try mine(height) }
        try QuietAggregateDaily.run(database: database)

        try expectWindows(connection, .week, [
            bucket("week", 0, 0...5, difficulty: 3.5, sum: "24999999850", min: "0", max: "4999999990", tx: 5,
                   mean: "4999999970"),
            bucket("week", 1, 6...11, difficulty: 9.5, sum: "29999999490", min: "4999999890", max: "4999999940", tx: 6,
                   mean: "4999999915"),
            bucket("week", 2, 12...17, difficulty: 15.5, sum: "29999999130", min: "4999999830", max: "4999999880",
                   tx: 6, mean: "4999999855"),
            bucket("week", 3, 18...19, difficulty: 19.5, sum: "9999999630", min: "4999999810", max: "4999999820",
                   tx: 2, mean: "4999999815"),
        ])
        let whole = bucket("month", 0, 0...19, difficulty: 10.5, sum: "94999998100", min: "0", max: "4999999990",
                           tx: 19, mean: "4999999900")
        try expectWindows(connection, .month, [whole])
        var all = whole
        all.period = "all"
        try expectWindows(connection, .all, [all])

        // Three more blocks fill the last week bucket further and grow the month and all buckets.
        for height in Int64(20)...22 { try mine(height) }
        try QuietAggregateDaily.run(database: database)
        let weeks = try BlockWindowRow.read(connection, period: "week")
        #expect(weeks.count == 4)
        let lastWeek = bucket("week", 3, 18...22, difficulty: 21, sum: "24999999000", min: "4999999780",
                              max: "4999999820", tx: 5, mean: "4999999800")
        #expect(weeks.last.map { $0.matches(lastWeek) } == true, "\(weeks.last.map(String.init(describing:)) ?? "none")")
        let grown = bucket("month", 0, 0...22, difficulty: 12, sum: "109999997470", min: "0", max: "4999999990",
                           tx: 22, mean: "4999999885")
        try expectWindows(connection, .month, [grown])
    }

    @Test("2,021 blocks: week from height 1,013, month's bucket 14 and all's bucket 2 partial; kept right through growth and a reorg")
    func bucketBoundaries() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try FormulaChain(connection: connection)
        try chain.append(upTo: 2_020)
        try QuietAggregateDaily.run(database: database)

        let week = chain.expectedWindows(.week)
        #expect(week.count == 168 && week.first?.lowerHeight == 1_013 && week.last?.upperHeight == 2_020)
        let month = chain.expectedWindows(.month)
        #expect(month.count == 15 && month.last?.lowerHeight == 2_016 && month.last?.blocks == 5)
        let all = chain.expectedWindows(.all)
        #expect(all.map(\.lowerHeight) == [0, 1_008, 2_016] && all.map(\.blocks) == [1_008, 1_008, 5])
        for period in BlockWindowPeriod.allCases { try expectWindows(connection, period, chain.expectedWindows(period)) }

        // Ten more blocks: the week window slides to 1,023, the partial buckets grow.
        try chain.append(upTo: 2_030)
        let grown = try QuietAggregateDaily.run(database: database)
        #expect(grown.allBuckets == 2...2)
        for period in BlockWindowPeriod.allCases { try expectWindows(connection, period, chain.expectedWindows(period)) }

        // A reorg below the 'all' bucket boundary at 2,016: 2,006...2,030 leave, 2,006...2,010 of a new version
        // join. Bucket 2 of 'all' disappears, bucket 1 changes, the windows slide back.
        try chain.orphan(above: 2_005)
        try chain.append(upTo: 2_010, version: 1)
        let reorg = try QuietAggregateDaily.run(database: database)
        #expect(reorg.blockHeights == 2_006...2_010)
        #expect(reorg.allBuckets == 1...1)
        for period in BlockWindowPeriod.allCases { try expectWindows(connection, period, chain.expectedWindows(period)) }
        #expect(try BlockWindowRow.read(connection, period: "all").map(\.bucket) == [0, 1])

        // --full agrees with what the incremental runs left, row for row.
        let incremental = try QuietAggregateDaily.state(database)
        #expect(try QuietAggregateDaily.run(database: database) { $0.scope = .full }.rowsWritten == 0)
        let full = try QuietAggregateDaily.state(database)
        #expect(full == incremental, "\(full.differences(from: incremental))")
    }
}
