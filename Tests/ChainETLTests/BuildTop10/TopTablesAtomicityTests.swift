import ChainETL
import Foundation
import Testing
import TestSupport

/// The promise: a reader at any moment sees the complete old content or the complete new content of the
/// top tables, never an empty or partial table, while build-top10 rebuilds them.
@Suite("build-top10: readers never see a partial rebuild", .temporaryDatabase)
struct TopTablesAtomicityTests {
    /// Two states of `stats.address_stats` that give different top tables: the ledger's balances, and the same
    /// with 1Gina emptied and two newcomers (so top_richest has 8 rows instead of 7).
    private static func switchInputs(toAlternative alternative: Bool, on connection: PostgresConnection) throws {
        try connection.transaction { connection in
            try connection.execute("UPDATE stats.address_stats SET balance = CASE WHEN $1 THEN 0 ELSE 4900000000 END WHERE address = '1Gina'", [alternative])
            try connection.execute("DELETE FROM stats.address_stats WHERE address IN ('1New', '1Newer')")
            if alternative {
                try connection.execute("""
                    INSERT INTO stats.address_stats (address, balance, received, sent, tx_count, first_seen_height,
                                                     first_seen_time, last_seen_height, last_seen_time)
                    VALUES ('1New', 6000000000, 6000000000, 0, 1, 4, now(), 4, now()),
                           ('1Newer', 300000000, 300000000, 0, 1, 4, now(), 4, now())
                    """)
            }
        }
    }

    @Test("a reader querying in a loop during 60 rebuilds only ever sees one of the two complete contents")
    func readerLoop() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)

        try Self.switchInputs(toAlternative: true, on: connection)
        try QuietBuildTop10.run(database: database)
        let alternative = try TopTableRows.all(connection)
        try Self.switchInputs(toAlternative: false, on: connection)
        try QuietBuildTop10.run(database: database)
        let original = try TopTableRows.all(connection)
        try #require(original != alternative)
        try #require(original[0].count == 7 && alternative[0].count == 8)

        let stop = StopFlag()
        let reader = BackgroundThread { () throws -> (reads: Int, seen: Set<Int>, bad: [String]) in
            let readerConnection = try database.connect()
            var reads = 0
            var seen = Set<Int>()
            var bad: [String] = []
            while !stop.isRaised {
                // One statement per table (READ COMMITTED, the way an API reads), and all tables in one snapshot.
                let richest = try TopTableRows.richest(readerConnection)
                if richest != original[0] && richest != alternative[0] { bad.append("top_richest: \(richest)") }
                let status = try TopTableRows.status(readerConnection)
                if status.count != 1 { bad.append("network_status: \(status)") }
                let all = try readerConnection.transaction(isolation: .repeatableRead) { try TopTableRows.all($0) }
                if all == original { seen.insert(0) } else if all == alternative { seen.insert(1) } else { bad.append("snapshot: \(all)") }
                reads += 1
            }
            return (reads, seen, bad)
        }

        var summaries: [BuildTop10Summary] = []
        for round in 0..<60 {
            try Self.switchInputs(toAlternative: round % 2 == 0, on: connection)
            summaries.append(try QuietBuildTop10.run(database: database))
        }
        stop.raise()
        let result = try reader.join()

        #expect(summaries.allSatisfy { $0.rebuild.changedTables.contains(.richest) })
        let partialReads = result.bad.count
        #expect(partialReads == 0, "first partial reads: \(result.bad.prefix(2))")
        #expect(result.reads > 60, "the reader read only \(result.reads) times")
        #expect(result.seen == [0, 1])
        #expect(try TopTableRows.all(connection) == original)
    }

    @Test("wallet-stats --full committing during a rebuild and an export: both read the new content, never empty")
    func fullWalletStatsRebuildMeanwhile() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try connection.execute("""
            INSERT INTO stats.daily_addresses (day, new_addresses, active_addresses, total_addresses,
                                               nonempty_addresses, nonempty_change)
            VALUES ('2024-01-01', 3, 3, 3, 3, 3)
            """)
        try QuietBuildTop10.run(database: database)
        let old = try TopTableRows.all(connection)
        try #require(!old[0].isEmpty)

        // What FullRebuild does: empty the tables with TRUNCATE, fill them again, commit later.
        let holder = try database.connect()
        try holder.executeScript("""
            CREATE TEMP TABLE saved_stats AS SELECT * FROM stats.address_stats;
            CREATE TEMP TABLE saved_days AS SELECT * FROM stats.daily_addresses;
            BEGIN;
            TRUNCATE stats.address_stats, stats.address_daily, stats.daily_addresses;
            INSERT INTO stats.address_stats SELECT * FROM saved_stats;
            INSERT INTO stats.daily_addresses SELECT * FROM saved_days;
            """)
        /// Waits until `count` sessions wait for a lock (the rebuild, then the export too).
        func waitUntilWaiting(_ count: Int) throws {
            let deadline = ContinuousClock.now + .seconds(60)
            while try connection.query("SELECT count(*) FROM pg_locks WHERE NOT granted")[0].int(0) < count {
                try #require(ContinuousClock.now < deadline, "fewer than \(count) sessions ever waited")
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        let build = BackgroundThread { try QuietBuildTop10.run(database: database) }
        try waitUntilWaiting(1)
        let export = BackgroundThread { () throws -> [StatsTableDocument] in
            let reader = try database.connect()
            return try StatsJSONExport(
                connection: reader, directory: ExportDirectory(path: "/nonexistent"), chain: .bitcoin).read()
        }
        try waitUntilWaiting(2)
        try holder.executeScript("COMMIT")

        _ = try build.join()
        #expect(try TopTableRows.all(connection) == old)
        let days = try export.join().first { $0.name == "daily_addresses" }
        #expect(days?.rows.count == 1)
    }

    @Test("a rebuild stopped half-way through its swaps shows readers only the old content, then all the new")
    func stoppedMidSwap() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        var chain = try TopTablesFixture.prepare(connection)
        try TopTablesFixture.mine(&chain)
        try QuietBuildTop10.run(database: database)
        let old = try TopTableRows.all(connection)
        try Self.switchInputs(toAlternative: true, on: connection)

        // network_status is swapped last; a SHARE lock lets the rebuild read it but stops its DELETE, so the
        // rebuild waits with the other tables already replaced inside its open transaction.
        let holder = try database.connect()
        try holder.executeScript("BEGIN; LOCK TABLE stats.network_status IN SHARE MODE")
        let build = BackgroundThread { try QuietBuildTop10.run(database: database) }
        let deadline = ContinuousClock.now + .seconds(60)
        while try connection.query("""
            SELECT count(*) FROM pg_locks WHERE relation = 'stats.network_status'::regclass AND NOT granted
            """)[0].int(0) == 0 {
            try #require(ContinuousClock.now < deadline, "the rebuild never reached network_status")
            Thread.sleep(forTimeInterval: 0.01)
        }
        let swapped = try connection.query("""
            SELECT count(*) FROM pg_locks
            WHERE relation = 'stats.top_richest'::regclass AND mode = 'RowExclusiveLock' AND granted
              AND pid <> pg_backend_pid()
            """)[0].int(0)
        #expect(swapped == 1, "the waiting rebuild has written top_richest")
        #expect(try TopTableRows.all(connection) == old)

        try holder.executeScript("COMMIT")
        let summary = try build.join()
        #expect(summary.rebuild.changedTables.contains(.richest))
        let new = try TopTableRows.all(connection)
        #expect(new != old)
        #expect(new[0].count == 8)
        #expect(new[0].first == ["1", "1Carol", "7500000000", "37.70739065", nil])
    }
}
