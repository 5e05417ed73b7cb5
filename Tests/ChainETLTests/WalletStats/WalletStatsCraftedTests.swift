import ChainETL
import Foundation
import TestSupport
import Testing

/// wallet-stats over the hand-made chain of `CraftedWallets`, every expectation computed by hand: change back to
/// the sender, an address that receives and spends in the same block and transaction, addresses emptied to
/// exactly zero, outputs without an address, and reorgs that take away an address's first and last appearance.
@Suite("wallet-stats on crafted chains", .temporaryDatabase)
struct WalletStatsCraftedTests {
    typealias W = CraftedWallets

    private static let t = W.baseTimes
    private static let old = W.oldBranchTimes
    private static let new = W.newBranchTimes

    /// After heights 0...3.
    static let baseRows = [
        AddressRow(address: W.alice, balance: 0, received: 7_999_990_000, sent: 7_999_990_000, txCount: 3,
                   firstHeight: 1, firstTime: t[1], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.bob, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 2, firstTime: t[2], lastHeight: 2, lastTime: t[2]),
        AddressRow(address: W.carol, balance: 0, received: 2_000_000_000, sent: 2_000_000_000, txCount: 2,
                   firstHeight: 2, firstTime: t[2], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.dave, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 3, firstTime: t[3], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.eve, balance: 499_990_000, received: 2_499_990_000, sent: 2_000_000_000, txCount: 2,
                   firstHeight: 3, firstTime: t[3], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.frank, balance: 1_000_000_000, received: 1_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 3, firstTime: t[3], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.genesis, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 0, firstTime: t[0], lastHeight: 0, lastTime: t[0]),
        AddressRow(address: W.gina, balance: 1_999_880_000, received: 1_999_880_000, sent: 0, txCount: 1,
                   firstHeight: 3, firstTime: t[3], lastHeight: 3, lastTime: t[3]),
        AddressRow(address: W.hank, balance: 1_500_000_000, received: 1_500_000_000, sent: 0, txCount: 1,
                   firstHeight: 3, firstTime: t[3], lastHeight: 3, lastTime: t[3]),
    ]

    /// After the old heights 4 and 5.
    static let oldBranchRows = replacing(baseRows, with: [
        AddressRow(address: W.alice, balance: 499_980_000, received: 8_499_970_000, sent: 7_999_990_000, txCount: 4,
                   firstHeight: 1, firstTime: t[1], lastHeight: 4, lastTime: old[0]),
        AddressRow(address: W.eve, balance: 0, received: 2_499_990_000, sent: 2_499_990_000, txCount: 3,
                   firstHeight: 3, firstTime: t[3], lastHeight: 4, lastTime: old[0]),
        AddressRow(address: W.xavier, balance: 3_000_000_000, received: 8_000_000_000, sent: 5_000_000_000, txCount: 2,
                   firstHeight: 4, firstTime: old[0], lastHeight: 5, lastTime: old[1]),
        AddressRow(address: W.yann, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 5, firstTime: old[1], lastHeight: 5, lastTime: old[1]),
        AddressRow(address: W.zoe, balance: 1_999_990_000, received: 1_999_990_000, sent: 0, txCount: 1,
                   firstHeight: 5, firstTime: old[1], lastHeight: 5, lastTime: old[1]),
    ])

    /// After the old height 5 left: Xavier's last appearance is gone, Yann and Zoe are gone.
    static let oldFourRows = replacing(oldBranchRows.filter { $0.address != W.yann && $0.address != W.zoe }, with: [
        AddressRow(address: W.xavier, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 4, firstTime: old[0], lastHeight: 4, lastTime: old[0]),
    ])

    /// After the new heights 4 and 5 replaced the old ones: Alice and Eve are back to the base rows, Xavier's first
    /// appearance moved to the new height 5.
    static let newBranchRows = replacing(baseRows, with: [
        AddressRow(address: W.walt, balance: 5_000_000_000, received: 5_000_000_000, sent: 0, txCount: 1,
                   firstHeight: 4, firstTime: new[0], lastHeight: 4, lastTime: new[0]),
        AddressRow(address: W.xavier, balance: 2_500_000_000, received: 2_500_000_000, sent: 0, txCount: 1,
                   firstHeight: 5, firstTime: new[1], lastHeight: 5, lastTime: new[1]),
    ])

    static let day1 = "2021-01-01", day2 = "2021-01-02"

    private static func replacing(_ rows: [AddressRow], with changes: [AddressRow]) -> [AddressRow] {
        var byAddress = Dictionary(uniqueKeysWithValues: rows.map { ($0.address, $0) })
        for change in changes { byAddress[change.address] = change }
        return byAddress.values.sorted { Array($0.address.utf8).lexicographicallyPrecedes(Array($1.address.utf8)) }
    }

    /// The D1 rows of `stats.address_daily`: every base-chain block is of D1, so they repeat the totals.
    static var baseDayRows: [AddressDayRow] {
        baseRows.map { AddressDayRow(address: $0.address, day: day1, received: $0.received, sent: $0.sent,
                                     txCount: $0.txCount, balance: $0.balance) }
    }

    private func openChain() throws -> (CraftedChain, PostgresConnection) {
        let connection = try TestDatabase.current.connect()
        let chain = try CraftedChain(connection: connection)
        try MigrationRunner(connection: connection, logger: connection.logger).apply(WalletStatsSchema.requiredTracks)
        return (chain, connection)
    }

    /// Runs wallet-stats, then `--full` on the same database, and expects the full rebuild to change nothing.
    @discardableResult
    private func runAndCompareWithFull(sourceLocation: SourceLocation = #_sourceLocation) throws -> WalletStatsState {
        let database = try TestDatabase.current
        try QuietWalletStats.run(database: database)
        let incremental = try QuietWalletStats.state(database)
        try QuietWalletStats.run(database: database, full: true)
        let full = try QuietWalletStats.state(database)
        #expect(full == incremental, "\(full.differences(from: incremental))", sourceLocation: sourceLocation)
        return incremental
    }

    @Test("base chain: change to the sender, same-block and same-transaction spends, zero balances, outputs without address")
    func baseChain() throws {
        var (chain, connection) = try openChain()
        // Labels first, so label_holdings has something to sum: one label for an address never seen on chain.
        try connection.execute("""
            INSERT INTO etl.address_labels (address, label, category) VALUES
              ('1Bob', 'Bob''s exchange', 'Exchange'), ('1Dave', NULL, 'Exchange'), ('1Unseen', 'cold', 'Exchange'),
              ('1Genesis', 'Satoshi', 'Mining'), ('1Carol', NULL, 'Private')
            """)
        try W.mineBase(&chain)
        let summary = try QuietWalletStats.run(database: TestDatabase.current)
        #expect(summary.mode == .rebuilt)
        #expect(summary.addresses == 9 && summary.nonemptyAddresses == 7)

        #expect(try AddressRow.read(connection) == Self.baseRows)
        #expect(try DayRow.read(connection) == [DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7)])
        #expect(try AddressDayRow.read(connection) == Self.baseDayRows)
        #expect(try connection.query("SELECT supply FROM chain.blocks WHERE height = 3")[0].int64(0) == 14_999_970_000)

        let thresholds = try connection.query(
            "SELECT threshold, addresses, balance_sum::bigint FROM stats.balance_thresholds ORDER BY threshold"
        ).map { [try $0.int64(0), try $0.int64(1), try $0.int64(2)] }
        let all: Int64 = 19_999_870_000
        #expect(thresholds == [
            [100_000, 7, all], [1_000_000, 7, all], [10_000_000, 7, all], [100_000_000, 7, all],
            [1_000_000_000, 6, all - 499_990_000], [10_000_000_000, 0, 0], [100_000_000_000, 0, 0],
            [1_000_000_000_000, 0, 0],
        ])

        // Seven positive balances: seven groups of one, smallest first, equal balances by address.
        let percentiles = try connection.query("""
            SELECT percentile, addresses, balance_sum::bigint, balance_min, balance_max, balance_mean::text, share::text
            FROM stats.balance_percentiles ORDER BY percentile
            """).map { "\(try $0.int(0)) \(try $0.int(1)) \(try $0.int64(2)) \(try $0.int64(3)) \(try $0.int64(4)) \(try $0.string(5)) \(try $0.string(6))" }
        #expect(percentiles == [
            "1 1 499990000 499990000 499990000 499990000.00000000 2.49996625",
            "2 1 1000000000 1000000000 1000000000 1000000000.00000000 5.00003250",
            "3 1 1500000000 1500000000 1500000000 1500000000.00000000 7.50004875",
            "4 1 1999880000 1999880000 1999880000 1999880000.00000000 9.99946500",
            "5 1 5000000000 5000000000 5000000000 5000000000.00000000 25.00016250",
            "6 1 5000000000 5000000000 5000000000 5000000000.00000000 25.00016250",
            "7 1 5000000000 5000000000 5000000000 5000000000.00000000 25.00016250",
        ])

        // The genesis coinbase is in Genesis's balance but not in the supply, so the top holds more than 100 %.
        let topShare = try connection.query(
            "SELECT top_n, addresses, balance_sum::bigint, share::text FROM stats.top_share ORDER BY top_n"
        ).map { "\(try $0.int(0)) \(try $0.int(1)) \(try $0.int64(2)) \(try $0.string(3))" }
        #expect(topShare == [10, 100, 1_000, 10_000].map { "\($0) 7 19999870000 133.33273333" })

        let labels = try connection.query("""
            SELECT category, addresses, nonempty_addresses, balance_sum::bigint, share::text
            FROM stats.label_holdings ORDER BY category
            """).map { "\(try $0.string(0)) \(try $0.int(1)) \(try $0.int(2)) \(try $0.int64(3)) \(try $0.string(4))" }
        #expect(labels == ["Exchange 3 2 10000000000 66.66680000", "Mining 1 1 5000000000 33.33340000",
                           "Private 1 0 0 0.00000000"])

        // Nothing new: a second run rewrites no row.
        let before = try QuietWalletStats.state(TestDatabase.current)
        let again = try QuietWalletStats.run(database: TestDatabase.current)
        #expect(again.mode == .upToDate && again.distributionsChanged.isEmpty)
        #expect(try QuietWalletStats.state(TestDatabase.current) == before)
        try runAndCompareWithFull()
    }

    @Test("blocks applied one run at a time, then reorgs between runs: exact at every step and equal to --full")
    func reorgsBetweenRuns() throws {
        var (chain, connection) = try openChain()
        var modes: [WalletStatsSummary.Mode] = []
        try W.mineBase(&chain) {
            modes.append(try QuietWalletStats.run(database: TestDatabase.current).mode)
        }
        #expect(modes == [.rebuilt, .applied, .applied, .applied])
        #expect(try AddressRow.read(connection) == Self.baseRows)
        #expect(try DayRow.read(connection) == [DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7)])
        #expect(try AddressDayRow.read(connection) == Self.baseDayRows)
        try runAndCompareWithFull()

        try W.mineOldBranch(&chain)
        try runAndCompareWithFull()
        #expect(try AddressRow.read(connection) == Self.oldBranchRows)
        #expect(try DayRow.read(connection) == [
            DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7),
            DayRow(day: Self.day2, new: 3, active: 5, total: 12, nonempty: 10),
        ])
        #expect(try AddressDayRow.read(connection).filter { $0.day == Self.day2 } == [
            AddressDayRow(address: W.alice, day: Self.day2, received: 499_980_000, sent: 0, txCount: 1, balance: 499_980_000),
            AddressDayRow(address: W.eve, day: Self.day2, received: 0, sent: 499_990_000, txCount: 1, balance: 0),
            AddressDayRow(address: W.xavier, day: Self.day2, received: 8_000_000_000, sent: 5_000_000_000, txCount: 2,
                          balance: 3_000_000_000),
            AddressDayRow(address: W.yann, day: Self.day2, received: 5_000_000_000, sent: 0, txCount: 1, balance: 5_000_000_000),
            AddressDayRow(address: W.zoe, day: Self.day2, received: 1_999_990_000, sent: 0, txCount: 1, balance: 1_999_990_000),
        ])

        // Depth 1: Xavier loses his last appearance, Yann and Zoe their only one.
        try chain.orphan(depth: 1)
        let afterOrphan = try QuietWalletStats.run(database: TestDatabase.current)
        #expect(afterOrphan.blocksLeft == 1 && afterOrphan.blocksJoined == 0)
        #expect(try AddressRow.read(connection) == Self.oldFourRows)
        #expect(try DayRow.read(connection).last == DayRow(day: Self.day2, new: 1, active: 3, total: 10, nonempty: 8))
        try runAndCompareWithFull()

        // Depth 1 again, then a new branch: Xavier's first appearance moves to the new height 5.
        try chain.orphan(depth: 1)
        try W.mineNewBranch(&chain)
        try runAndCompareWithFull()
        #expect(try AddressRow.read(connection) == Self.newBranchRows)
        #expect(try DayRow.read(connection) == [
            DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7),
            DayRow(day: Self.day2, new: 2, active: 2, total: 11, nonempty: 9),
        ])
        #expect(try AddressDayRow.read(connection) == (Self.baseDayRows + [
            AddressDayRow(address: W.walt, day: Self.day2, received: 5_000_000_000, sent: 0, txCount: 1, balance: 5_000_000_000),
            AddressDayRow(address: W.xavier, day: Self.day2, received: 2_500_000_000, sent: 0, txCount: 1, balance: 2_500_000_000),
        ]).sorted { ($0.address, $0.day) < ($1.address, $1.day) })
    }

    @Test("a reorg inside one window of changes: the old branch joined and left again before the run")
    func reorgWithinOneRun() throws {
        var (chain, connection) = try openChain()
        try W.mineBase(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)
        try W.mineOldBranch(&chain)
        try chain.orphan(depth: 2)
        try W.mineNewBranch(&chain)
        let summary = try QuietWalletStats.run(database: TestDatabase.current)
        // The old heights 4 and 5 joined and left within the window: they change nothing.
        #expect(summary.blocksJoined == 2 && summary.blocksLeft == 0)
        #expect(try AddressRow.read(connection) == Self.newBranchRows)
        try runAndCompareWithFull()
    }

    @Test("a reorg of depth 2 between runs: Xavier's last height stays 5, but in another block at another time")
    func sameHeightOtherBlock() throws {
        var (chain, connection) = try openChain()
        try W.mineBase(&chain)
        try W.mineOldBranch(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)
        #expect(try AddressRow.read(connection) == Self.oldBranchRows)
        try chain.orphan(depth: 2)
        try W.mineNewBranch(&chain)
        let summary = try QuietWalletStats.run(database: TestDatabase.current)
        #expect(summary.blocksJoined == 2 && summary.blocksLeft == 2)
        #expect(try AddressRow.read(connection) == Self.newBranchRows)
        try runAndCompareWithFull()
    }

    @Test("ADDRESS_DAILY_DAYS=1 keeps the tip's day only, and a reorg back to the day before brings its rows back")
    func dailyWindowFollowsTheTip() throws {
        var (chain, connection) = try openChain()
        let oneDay = ["ADDRESS_DAILY_DAYS": "1"]
        let database = try TestDatabase.current
        try W.mineBase(&chain)
        try QuietWalletStats.run(database: database, environment: oneDay)
        #expect(try AddressDayRow.read(connection) == Self.baseDayRows)

        try W.mineOldBranch(&chain)
        try QuietWalletStats.run(database: database, environment: oneDay)
        #expect(try AddressDayRow.read(connection).map(\.day).allSatisfy { $0 == Self.day2 })
        #expect(try AddressDayRow.read(connection).count == 5)

        // The tip goes back to D1: D1 is in the window again and must be filled in, D2 is gone.
        try chain.orphan(depth: 2)
        try QuietWalletStats.run(database: database, environment: oneDay)
        #expect(try AddressDayRow.read(connection) == Self.baseDayRows)
        #expect(try DayRow.read(connection) == [DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7)])

        // Raising the setting fills in the older days; lowering it drops them. Both equal --full.
        try W.mineNewBranch(&chain)
        try QuietWalletStats.run(database: database, environment: oneDay)
        let narrow = try AddressDayRow.read(connection)
        #expect(narrow.count == 2)
        try QuietWalletStats.run(database: database, environment: ["ADDRESS_DAILY_DAYS": "2"])
        let wide = try QuietWalletStats.state(database)
        #expect(try AddressDayRow.read(connection).count == 11)
        try QuietWalletStats.run(database: database, full: true, environment: ["ADDRESS_DAILY_DAYS": "2"])
        #expect(try QuietWalletStats.state(database) == wide)
        try QuietWalletStats.run(database: database, environment: oneDay)
        #expect(try AddressDayRow.read(connection) == narrow)
    }

    @Test("thresholds from etl.balance_thresholds replace the chain's defaults at the next run")
    func thresholdsAreData() throws {
        var (chain, connection) = try openChain()
        try W.mineBase(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)
        try connection.execute("INSERT INTO etl.balance_thresholds (threshold) VALUES (1000000000), (5000000000)")
        let summary = try QuietWalletStats.run(database: TestDatabase.current)
        #expect(summary.distributionsChanged == ["stats.balance_thresholds"])
        let rows = try connection.query("SELECT threshold, addresses FROM stats.balance_thresholds ORDER BY threshold")
            .map { [try $0.int64(0), try $0.int64(1)] }
        #expect(rows == [[1_000_000_000, 6], [5_000_000_000, 3]])
    }

    @Test("a day without blocks gets a row of zeros carrying the totals; the rows follow the chain's days in reorgs")
    func daysWithoutBlocks() throws {
        var (chain, connection) = try openChain()
        let day = W.day1
        try W.mineBase(&chain)
        try QuietWalletStats.run(database: TestDatabase.current)
        // Height 4 three days later: D2 and D3 have no block.
        try chain.mine(time: day + 3 * 86_400 + 60, coinbase: [CraftedPayment(W.walt, 5_000_000_000)])
        try runAndCompareWithFull()
        let base = DayRow(day: Self.day1, new: 9, active: 9, total: 9, nonempty: 7)
        #expect(try DayRow.read(connection) == [
            base,
            DayRow(day: "2021-01-02", new: 0, active: 0, total: 9, nonempty: 7),
            DayRow(day: "2021-01-03", new: 0, active: 0, total: 9, nonempty: 7),
            DayRow(day: "2021-01-04", new: 1, active: 1, total: 10, nonempty: 8),
        ])
        try expectTheDaysOfDailyBlocks(connection)

        // The D4 block leaves: the rows end at D1 again.
        try chain.orphan(depth: 1)
        try runAndCompareWithFull()
        #expect(try DayRow.read(connection) == [base])

        // A block on D3 instead: D2 comes back as a day without blocks.
        try chain.mine(time: day + 2 * 86_400 + 60, coinbase: [CraftedPayment(W.xavier, 5_000_000_000)])
        try runAndCompareWithFull()
        #expect(try DayRow.read(connection) == [
            base,
            DayRow(day: "2021-01-02", new: 0, active: 0, total: 9, nonempty: 7),
            DayRow(day: "2021-01-03", new: 1, active: 1, total: 10, nonempty: 8),
        ])

        // A block dated back to D2 (header times may go back): D2 gets its activity, D3 keeps its row.
        try chain.mine(time: day + 86_400 + 60, coinbase: [CraftedPayment(W.yann, 5_000_000_000)])
        try runAndCompareWithFull()
        #expect(try DayRow.read(connection) == [
            base,
            DayRow(day: "2021-01-02", new: 1, active: 1, total: 10, nonempty: 8),
            DayRow(day: "2021-01-03", new: 1, active: 1, total: 11, nonempty: 9),
        ])
        try expectTheDaysOfDailyBlocks(connection)

        // Both later blocks leave: D2's row goes too, since no block is later than D1.
        try chain.orphan(depth: 2)
        try runAndCompareWithFull()
        #expect(try DayRow.read(connection) == [base])
        try expectTheDaysOfDailyBlocks(connection)
    }

    /// aggregate-daily's `stats.daily_blocks` has a row for the same days, blocks or none.
    private func expectTheDaysOfDailyBlocks(
        _ connection: PostgresConnection, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try QuietAggregateDaily.run(database: TestDatabase.current)
        let blockDays = try connection.query("SELECT day::text FROM stats.daily_blocks ORDER BY day")
            .map { try $0.string(0) }
        #expect(try DayRow.read(connection).map(\.day) == blockDays, sourceLocation: sourceLocation)
    }

    @Test("the migration that gives days without blocks a row fills the gaps of rows stored before it")
    func migrationFillsStoredGaps() throws {
        let connection = try TestDatabase.current.connect()
        let first = MigrationTrack(name: WalletStatsSchema.track.name,
                                   migrations: Array(WalletStatsSchema.track.migrations.prefix(1)))
        try MigrationRunner(connection: connection, logger: connection.logger)
            .apply([CoreMigrations.track, ChainSchema.track, first])
        try connection.execute("""
            INSERT INTO stats.daily_addresses (day, new_addresses, active_addresses, total_addresses,
                                               nonempty_addresses, nonempty_change)
            VALUES ('2021-01-01', 9, 9, 9, 7, 7), ('2021-01-04', 1, 1, 10, 8, 1), ('2021-01-05', 2, 3, 12, 7, -1)
            """)
        try MigrationRunner(connection: connection, logger: connection.logger).apply(WalletStatsSchema.requiredTracks)
        #expect(try DayRow.read(connection) == [
            DayRow(day: "2021-01-01", new: 9, active: 9, total: 9, nonempty: 7),
            DayRow(day: "2021-01-02", new: 0, active: 0, total: 9, nonempty: 7),
            DayRow(day: "2021-01-03", new: 0, active: 0, total: 9, nonempty: 7),
            DayRow(day: "2021-01-04", new: 1, active: 1, total: 10, nonempty: 8),
            DayRow(day: "2021-01-05", new: 2, active: 3, total: 12, nonempty: 7),
        ])
        let changes = try connection.query("SELECT nonempty_change FROM stats.daily_addresses ORDER BY day")
            .map { try $0.int64(0) }
        #expect(changes == [7, 0, 0, 1, -1])
    }
}
