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
    /// When a run is killed.
    enum Moment: String, CaseIterable {
        case soonAfterStart = "after start"
        case insideWrite = "inside its transaction"
    }

    struct Run: CustomStringConvertible {
        var iteration: Int
        var arguments: [String]
        var moment: Moment
        var momentSeen: Bool
        var result: ToolProcess.Result

        var killed: Bool { result.signaled && result.status == SIGKILL }
        var description: String {
            "run \(iteration) \(arguments.joined(separator: " ")): "
                + "\(killed ? "killed" : "exit \(result.status)") \(moment.rawValue)\(momentSeen ? "" : " (moment not seen)")"
        }
    }

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

        var runs: [Run] = []
        var iteration = 0
        func killsInside() -> Int { runs.filter { $0.killed && $0.moment == .insideWrite && $0.momentSeen }.count }
        while runs.filter(\.killed).count < 12 || killsInside() < 4 {
            try #require(iteration < 60, "only \(killsInside()) kills inside a transaction in \(iteration) runs: \(runs)")
            // Change the chain between runs: mostly growth, every third run a reorg (often across a midnight,
            // since 144 blocks make a day), so killed runs leave changes of every kind pending.
            if iteration % 3 == 2 {
                let depth = Int.random(in: 2...12, using: &random)
                node.reorganize(depth: depth, newLength: max(1, depth + Int.random(in: -3...6, using: &random)))
            } else {
                node.mine(Int.random(in: 20...120, using: &random))
            }
            try load()
            // Every fourth run recomputes everything: a longer transaction to be killed in.
            let arguments = iteration % 4 == 3 ? ["--full"] : []
            let moment = Moment.allCases[iteration % Moment.allCases.count]
            let process = try AnalyticsToolHarness.aggregateDaily.tool.start(arguments, environment: environment)
            var seen = false
            switch moment {
            case .soonAfterStart:
                Thread.sleep(forTimeInterval: Double(Int.random(in: 5...250, using: &random)) / 1_000)
            case .insideWrite:
                seen = try KillLoop.wait(for: process, timeout: .seconds(20), interval: 0.0005) {
                    try KillTarget.aggregateDaily.isWriting(on: connection)
                }
                Thread.sleep(forTimeInterval: Double(Int.random(in: 0...2_000, using: &random)) / 1_000_000)
            }
            process.killHard()
            runs.append(Run(iteration: iteration, arguments: arguments, moment: moment, momentSeen: seen,
                            result: process.wait(timeout: .seconds(60))))
            iteration += 1
        }
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
        print("after \(runs.filter(\.killed).count) kills (\(killsInside()) inside a transaction): \(afterKills)")
        #expect(recomputed == afterKills, "\(recomputed.differences(from: afterKills))")

        // Killed runs are abandoned or never started; nothing is left running or failed.
        let statuses = try AnalyticsToolHarness.aggregateDaily.jobRuns(database).map(\.status)
        #expect(!statuses.contains("running") && !statuses.contains("failure"), "\(statuses)")
        #expect(statuses.suffix(2) == ["success", "success"], "\(statuses)")
    }
}
