import ChainETL
import Foundation
import Testing
import TestSupport

/// aggregate-daily, wallet-stats and build-top10 do their work in one transaction: when the database drops
/// their session during it, they reconnect, take their lock again and run the transaction again.
@Suite(.temporaryDatabase) struct ShortToolReconnectTests {
    enum Tool: String, CaseIterable, CustomTestStringConvertible {
        case aggregateDaily = "aggregate-daily", walletStats = "wallet-stats", buildTop10 = "build-top10"
        var testDescription: String { rawValue }

        func run(on database: TestDatabase) throws {
            switch self {
            case .aggregateDaily: try QuietAggregateDaily.run(database: database)
            case .walletStats: try QuietWalletStats.run(database: database)
            case .buildTop10: try QuietBuildTop10.run(database: database)
            }
        }
    }

    @Test("the session is terminated while the run waits inside its transaction: it runs again and completes",
          arguments: Tool.allCases)
    func sessionDropped(tool: Tool) throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietWalletStats.run(database: database)
        try tool.run(on: database)
        try chain.mine(time: TopTablesFixture.tipTime + 600, coinbase: [CraftedPayment("1Zoe", 50 * TopTablesFixture.coin)])
        // build-top10 publishes only what wallet-stats has counted; wallet-stats itself is left the new block to do.
        if tool == .buildTop10 { try QuietWalletStats.run(database: database) }

        // Every tool reads chain.blocks in its transaction: held exclusively, it makes the run wait there.
        let holder = try database.connect()
        try holder.executeScript("BEGIN; LOCK TABLE chain.blocks IN ACCESS EXCLUSIVE MODE")
        let run = BackgroundThread { try tool.run(on: database) }
        let application = "chain-etl \(tool.rawValue)"
        func waitingSession(besides earlier: Int = 0) throws -> Int? {
            let deadline = ContinuousClock.now + .seconds(60)
            while true {
                let rows = try connection.query("""
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'
                      AND pid <> $2
                    """, [application, earlier])
                if let row = rows.first { return try row.int(0) }
                try #require(ContinuousClock.now < deadline, "\(tool.rawValue) never waited for chain.blocks")
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        let first = try #require(try waitingSession())
        _ = try connection.query("SELECT pg_terminate_backend($1)", [first])
        // The run reconnects and waits in its transaction again, on a new session.
        _ = try #require(try waitingSession(besides: first))
        try holder.executeScript("COMMIT")
        try run.join()

        let runs = try connection.query("""
            SELECT status FROM etl.job_runs WHERE tool = $1 ORDER BY id DESC LIMIT 1
            """, [tool.rawValue]).map { try $0.string(0) }
        #expect(runs == ["success"])
        switch tool {
        case .aggregateDaily, .walletStats:
            let cursor = try connection.query("""
                SELECT (SELECT position FROM etl.cursors WHERE consumer = $1) = (SELECT max(sequence) FROM chain.block_changes)
                """, [tool.rawValue])[0].bool(0)
            #expect(cursor)
        case .buildTop10:
            #expect(try connection.query("SELECT height FROM stats.network_status")[0].int64(0) == 5)
        }
    }
}
