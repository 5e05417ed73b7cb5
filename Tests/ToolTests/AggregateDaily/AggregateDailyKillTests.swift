import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "Exactly once, crash-safe", for `aggregate-daily`: the real executable is `kill -9`ed at random
/// moments (soon after start, and inside its write transaction) while the chain grows and reorganises between
/// runs; then a run to completion leaves exactly what `--full` computes, row for row. The kill moments come from
/// a seeded generator whose seed is printed, so a failure replays with `CHAIN_ETL_TEST_SEED=<seed>`.
@Suite("aggregate-daily killed with kill -9")
struct AggregateDailyKillTests {
    @Test("killed at random moments between growth and reorgs, then rerun: the state equals --full", .temporaryDatabase)
    func killsThenRerunEqualFull() throws {
        var random = SeededGenerator.fromEnvironment()
        print("aggregate-daily kill test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        let node = SimNode(configuration: SimNodeConfiguration(seed: 31, initialBlocks: 400, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()
        let environment = AnalyticsToolHarness.aggregateDaily.environment(database: database)
        func load() throws {
            try QuietScrape.run(database: database, nodeURL: url)
            try QuietCopyRaw.run(database: database)
        }
        try load()

        var loop = KillLoop(database: database, environment: environment, target: .aggregateDaily, kills: 12)
        loop.moments = [.soonAfterStart, .insideWrite]
        loop.killsWhileWorkingPerMoment = 4
        loop.startDelays = 5...250
        // Every fourth run recomputes everything: a longer transaction to be killed in.
        loop.extraArguments = { $0 % 4 == 3 ? ["--full"] : [] }
        let runs = try loop.run(random: &random, beforeRun: { iteration, random in
            // Change the chain between runs: mostly growth, every third run a reorg (often across a midnight,
            // since 144 blocks make a day), so killed runs leave changes of every kind pending.
            if iteration % 3 == 2 {
                let depth = Int.random(in: 2...12, using: &random)
                node.reorganize(depth: depth, newLength: max(1, depth + Int.random(in: -3...6, using: &random)))
            } else {
                node.mine(Int.random(in: 20...120, using: &random))
            }
            try load()
        })
        let killsInside = runs.filter { $0.killedWhileWorking && $0.moment == .insideWrite }.count
        for run in runs { print("  \(run)") }
        #expect(runs.allSatisfy { $0.killed || $0.result.status == 0 || $0.result.status == ExitStatus.busy.rawValue },
                "\(runs)")

        let final = try AnalyticsToolHarness.aggregateDaily.runToCompletion(environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the kills failed: \(final.result)")
        let afterKills = try QuietAggregateDaily.state(database)
        let lastSequence = try connection.query("SELECT max(sequence) FROM chain.block_changes")[0].int64(0)
        #expect(afterKills.cursor == lastSequence)

        let full = try AnalyticsToolHarness.aggregateDaily.runToCompletion(["--full"], environment: environment)
        try #require(full.result.status == 0, "\(full.result)")
        #expect(full.result.standardOutput.contains(" 0 rows written"), "\(full.result)")
        let recomputed = try QuietAggregateDaily.state(database)
        print("after \(runs.filter(\.killed).count) kills (\(killsInside) inside a transaction): \(afterKills)")
        #expect(recomputed == afterKills, "\(recomputed.differences(from: afterKills))")

        // Killed runs are abandoned or never started; nothing is left running or failed.
        let statuses = try AnalyticsToolHarness.aggregateDaily.jobRuns(database).map(\.status)
        #expect(!statuses.contains("running") && !statuses.contains("failure"), "\(statuses)")
        #expect(statuses.suffix(2) == ["success", "success"], "\(statuses)")
    }
}
