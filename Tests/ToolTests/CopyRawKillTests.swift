import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "Exactly once, crash-safe", for copy-raw: the real executable `kill -9`ed at 20+ random moments while
/// scrape keeps landing blocks and the node reorganises; a final run then leaves the chain tables exactly as one
/// clean copy of the final landing zone. Seeded; replay with `CHAIN_ETL_TEST_SEED=<seed>`.
@Suite("copy-raw killed with kill -9")
struct CopyRawKillTests {
    private static let arguments = ["--transactions-per-commit", "150"]

    @Test("killed at 20+ random moments among reorgs, then rerun: the chain tables equal one clean copy", .temporaryDatabase)
    func killsThenRerunEqualCleanCopy() throws {
        var random = SeededGenerator.fromEnvironment()
        print("copy-raw kill test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        let node = SimNode(configuration: SimNodeConfiguration(seed: 77, initialBlocks: 400, transactionsPerBlock: 8))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let environment = ["DATABASE_URL": database.connectionString]
        let connection = try database.connect()
        var target = KillTarget.copyRaw
        target.arguments = Self.arguments

        var reorgs: [String] = []
        var loop = KillLoop(database: database, environment: environment, kills: 20)
        loop.target = target
        let runs = try loop.run(random: &random, beforeRun: { iteration, random in
            // Keep the landing zone ahead of the chain tables, with a reorg now and then.
            let landed = try KillTarget.rowCount(of: "raw.blocks", on: connection)
            let copied = try KillTarget.copyRaw.progress(connection)
            if iteration % 5 == 4 {
                let depth = Int.random(in: 2...8, using: &random)
                node.reorganize(depth: depth, newLength: depth + Int.random(in: -1...20, using: &random))
                reorgs.append("before run \(iteration): depth \(depth)")
                try QuietScrape.run(database: database, nodeURL: url)
            } else if landed - copied < 120 {
                node.mine(Int.random(in: 120...200, using: &random))
                try QuietScrape.run(database: database, nodeURL: url)
            }
        })
        for run in runs { print("  \(run)") }
        for reorg in reorgs { print("  reorg \(reorg)") }
        #expect(runs.filter(\.killed).count >= 20)
        for moment in [KillLoop.Moment.afterFirstCommit, .insideWrite] {
            #expect(runs.filter { $0.killedWhileWorking && $0.moment == moment }.count >= 2, "\(moment.rawValue)")
        }

        let final = try KillLoop.runToCompletion(target, environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the kills failed: \(final.result)")
        let afterKills = try ChainSnapshot.read(connection)
        #expect(try connection.query("SELECT hash FROM chain.blocks ORDER BY height DESC LIMIT 1").first?.string(0)
                == node.blockHash(atHeight: node.blockCount))

        // One clean copy of the same landing zone, in a database of its own.
        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        let cleanRun = try ToolExecutable(name: "copy-raw").run([], environment: ["DATABASE_URL": clean.connectionString])
        try #require(cleanRun.status == 0, "\(cleanRun)")
        let expected = try ChainSnapshot.read(try clean.connect())
        print("after \(runs.filter(\.killed).count) kills: \(afterKills); clean copy: \(expected)")
        for table in expected.tables.keys.sorted() where afterKills.tables[table] != expected.tables[table] {
            Issue.record("\(table) differs from the clean copy's: \(afterKills.tables[table]?.count ?? 0) vs \(expected.tables[table]?.count ?? 0) rows")
        }
        // Every change the tables went through is in the change log: replaying it gives the final chain.
        let changes = try connection.query("SELECT change, height, hash FROM chain.block_changes ORDER BY sequence")
        var replayed: [Int64: String] = [:]
        for row in changes {
            if try row.string(0) == "joined" { replayed[try row.int64(1)] = try row.string(2) }
            else { replayed[try row.int64(1)] = nil }
        }
        let stored = try connection.query("SELECT height, hash FROM chain.blocks")
        #expect(replayed.count == stored.count)
        for row in stored { #expect(replayed[try row.int64(0)] == (try row.string(1))) }
        let statuses = try connection.query("SELECT status FROM etl.job_runs WHERE tool = 'copy-raw'").map { try $0.string(0) }
        #expect(!statuses.contains("running") && !statuses.contains("failure"), "\(statuses)")
    }
}
