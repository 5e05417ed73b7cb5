import ChainETL
import TestSupport
import Testing

/// Random histories of blocks and reorgs (`RandomWalletHistory`), with wallet-stats run at random moments: after
/// every incremental run the state equals what `--full` computes from the ledger, and every balance equals the
/// unspent outputs of its address, counted independently from `chain.outputs`.
@Suite("wallet-stats over random histories with reorgs", .temporaryDatabase)
struct WalletStatsRandomHistoryTests {
    /// Two days of `stats.address_daily`, so the window moves (and moves back after reorgs) within the history.
    private static let environment = ["ADDRESS_DAILY_DAYS": "2"]

    @Test("incremental runs between random blocks and reorgs always equal --full", arguments: [7, 19, 2024] as [UInt64])
    func incrementalEqualsFull(seed: UInt64) throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var history = RandomWalletHistory(chain: try CraftedChain(connection: connection), seed: seed)
        for _ in 0..<10 { try history.mine() }
        var runs = 0, reorgs = 0
        for _ in 0..<30 {
            if history.draw(3) == 0 {
                let depth = 1 + history.draw(4)
                try history.orphan(depth: depth)
                for _ in 0..<(depth + history.draw(3) - 1) { try history.mine() }
                reorgs += 1
            } else {
                for _ in 0...history.draw(2) { try history.mine() }
            }
            guard history.draw(2) == 0 else { continue }
            try QuietWalletStats.run(database: database, environment: Self.environment)
            runs += 1
            let incremental = try QuietWalletStats.state(database)
            try QuietWalletStats.run(database: database, full: true, environment: Self.environment)
            let full = try QuietWalletStats.state(database)
            try #require(incremental == full, "seed \(seed), run \(runs): \(incremental.differences(from: full))")
            try Self.expectBalancesMatchUnspentOutputs(connection)
        }
        print("seed \(seed): \(runs) runs, \(reorgs) reorgs, tip \(history.chain.tipHeight ?? -1)")
        #expect(runs >= 5 && reorgs >= 3)
    }

    /// Every address's balance equals the value of its unspent outputs, and no address without outputs has a row.
    static func expectBalancesMatchUnspentOutputs(
        _ connection: PostgresConnection, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let mismatches = try connection.query("""
            WITH unspent AS (
                SELECT address, sum(value) AS value FROM chain.outputs
                WHERE address IS NOT NULL AND spent_height IS NULL
                GROUP BY address
            )
            SELECT coalesce(s.address, u.address), s.balance, u.value
            FROM stats.address_stats s
            FULL JOIN unspent u ON u.address = s.address
            WHERE coalesce(s.balance, 0) <> coalesce(u.value, 0) OR (s.address IS NULL AND u.value > 0)
            LIMIT 5
            """).map { "\(try $0.string(0)): \(try $0.decode(Int64?.self, at: 1).map(String.init) ?? "no row") vs unspent \(try $0.decode(String?.self, at: 2) ?? "none")" }
        #expect(mismatches.isEmpty, "\(mismatches)", sourceLocation: sourceLocation)
    }
}
