import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "Exactly once, crash-safe", for `wallet-stats`: the real executable is `kill -9`ed at random moments
/// (soon after start, and inside its one transaction) while the chain grows and reorganises between runs and
/// during them; then a run to completion leaves exactly what `--full` computes and what a clean run on a fresh
/// database computes. The seed is printed, so a failure replays with `CHAIN_ETL_TEST_SEED=<seed>`.
@Suite("wallet-stats killed with kill -9")
struct WalletStatsKillTests {
    private static let environmentExtra = ["ADDRESS_DAILY_DAYS": "2"]

    @Test("killed 20+ times between and during growth and reorgs, then rerun: equals --full and a clean run",
          .temporaryDatabase)
    func killsThenRerunEqualFullAndCleanRun() throws {
        var random = SeededGenerator.fromEnvironment()
        print("wallet-stats kill test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        let node = SimNode(configuration: SimNodeConfiguration(seed: 47, initialBlocks: 300, transactionsPerBlock: 3,
                                                               addressPoolSize: 300))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()
        let environment = AnalyticsToolHarness.walletStats.environment(database: database, extra: Self.environmentExtra)
        func load() throws {
            try QuietScrape.run(database: database, nodeURL: url)
            try QuietCopyRaw.run(database: database)
        }
        func changeChain(_ random: inout SeededGenerator) throws {
            if random.next() % 3 == 0 {
                let depth = Int.random(in: 1...10, using: &random)
                node.reorganize(depth: depth, newLength: max(1, depth + Int.random(in: -2...4, using: &random)))
            } else {
                node.mine(Int.random(in: 1...40, using: &random))
            }
            try load()
        }
        try load()

        var loop = KillLoop(database: database, environment: environment, target: .walletStats, kills: 20)
        loop.moments = [.soonAfterStart, .insideWrite]
        loop.killsWhileWorkingPerMoment = 8
        loop.startDelays = 5...300
        // Every fourth run recomputes everything: a longer transaction to be killed in.
        loop.extraArguments = { $0 % 4 == 3 ? ["--full"] : [] }
        var changedDuring: [Int] = []
        let runs = try loop.run(random: &random, beforeRun: { _, random in
            try changeChain(&random)
        }, duringRun: { iteration, random in
            // Every fifth run, the chain changes while the tool runs (its snapshot must not see half of it).
            guard iteration % 5 == 4 else { return }
            try changeChain(&random)
            changedDuring.append(iteration)
        })
        print("  the chain changed during runs \(changedDuring)")
        let killsInside = runs.filter { $0.killedWhileWorking && $0.moment == .insideWrite }.count
        for run in runs { print("  \(run)") }
        #expect(runs.allSatisfy { $0.killed || $0.result.status == 0 || $0.result.status == ExitStatus.busy.rawValue },
                "\(runs)")

        let final = try AnalyticsToolHarness.walletStats.runToCompletion(environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the kills failed: \(final.result)")
        let afterKills = try QuietWalletStats.state(database)
        let lastSequence = try connection.query("SELECT max(sequence) FROM chain.block_changes")[0].int64(0)
        #expect(afterKills.cursor == lastSequence)
        let repeated = try AnalyticsToolHarness.walletStats.runToCompletion(environment: environment)
        #expect(repeated.result.standardOutput.hasPrefix("wallet-stats: 0 blocks"), "\(repeated.result)")
        #expect(try QuietWalletStats.state(database) == afterKills)

        let full = try AnalyticsToolHarness.walletStats.runToCompletion(["--full"], environment: environment)
        try #require(full.result.status == 0, "\(full.result)")
        let recomputed = try QuietWalletStats.state(database)
        print("after \(runs.filter(\.killed).count) kills (\(killsInside) inside the transaction): \(afterKills)")
        #expect(recomputed == afterKills, "\(recomputed.differences(from: afterKills))")

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        try QuietCopyRaw.run(database: clean)
        let cleanRun = try AnalyticsToolHarness.walletStats.tool.run(
            [], environment: AnalyticsToolHarness.walletStats.environment(database: clean, extra: Self.environmentExtra))
        try #require(cleanRun.status == 0, "\(cleanRun)")
        let cleanState = try QuietWalletStats.state(clean)
        #expect(cleanState.withoutCursor == afterKills.withoutCursor, "\(cleanState.differences(from: afterKills))")

        // Killed runs are abandoned or never recorded; nothing is left running or failed.
        let statuses = try AnalyticsToolHarness.walletStats.jobRuns(database).map(\.status)
        #expect(!statuses.contains("running") && !statuses.contains("failure"), "\(statuses)")
        #expect(statuses.suffix(3) == ["success", "success", "success"], "\(statuses)")
    }
}
