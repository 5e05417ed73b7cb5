import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "Exactly once, crash-safe": `kill -9` at any moment, then a rerun, leaves the database exactly as one
/// clean run would. The real `scrape` executable against a simulated node; the kill moments come from a seeded
/// generator whose seed is printed, so a failure replays with `CHAIN_ETL_TEST_SEED=<seed>`.
@Suite("scrape killed with kill -9")
struct ScrapeKillTests {
    private static func makeNode(blocks: Int) -> SimNode {
        SimNode(configuration: SimNodeConfiguration(seed: 2024, initialBlocks: blocks, transactionsPerBlock: 8))
    }

    private static func nodeChain(_ node: SimNode) -> [String] {
        (0...node.blockCount).map { node.blockHash(atHeight: $0)! }
    }

    /// The landing zone a single uninterrupted run of `scrape` builds from `nodeURL`, in a database of its own.
    private static func cleanRun(nodeURL: String) throws -> LandingZoneSnapshot {
        let database = try TestDatabase.create()
        defer { try? database.drop() }
        let run = try ScrapeProcessHarness.scrape.run(
            [], environment: ScrapeProcessHarness.environment(database: database, nodeURL: nodeURL), timeout: .seconds(300))
        try #require(run.status == 0 && !run.signaled, "the clean run failed: \(run)")
        return try LandingZoneSnapshot.read(database)
    }

    /// Every killed run either died before it recorded its start, is marked `abandoned` by a later run, or had
    /// already recorded its outcome when the kill arrived; busy runs are `busy`; finished runs are `success`;
    /// nothing is left `running` and nothing `failure`.
    private static func checkJobRuns(_ database: TestDatabase, runs: [KillLoop.Run], finished: [Int32]) throws {
        let rows = try ScrapeProcessHarness.jobRuns(database)
        let statusByPID = Dictionary(rows.map { ($0.pid, $0.status) }) { first, _ in first }
        #expect(!rows.contains { $0.status == "running" }, "\(rows)")
        #expect(!rows.contains { $0.status == "failure" }, "\(rows)")
        for run in runs {
            let status = statusByPID[run.pid]
            if run.killed {
                // A kill can land after the run recorded its outcome and was only exiting: then its row keeps
                // that outcome (success, or busy). Otherwise it died before recording its start, or is abandoned.
                let recordedBeforeKill = status == "success" || status == "busy"
                #expect(status == nil || status == "abandoned" || recordedBeforeKill, "\(run): \(status ?? "no row")")
                if run.killedWhileWorking {
                    #expect(status == "abandoned" || recordedBeforeKill, "\(run): \(status ?? "no row")")
                }
            } else if run.result.status == ExitStatus.busy.rawValue {
                #expect(status == "busy", "\(run): \(status ?? "no row")")
            } else {
                #expect(run.result.status == 0, "\(run): \(run.result)")
                #expect(status == "success", "\(run): \(status ?? "no row")")
            }
        }
        for pid in finished { #expect(statusByPID[pid] == "success", "pid \(pid): \(rows)") }
        let abandoned = rows.filter { $0.status == "abandoned" }.count
        print("etl.job_runs: \(rows.count) rows, \(abandoned) abandoned, last \(rows.last.map(String.init(describing:)) ?? "-")")
    }

    /// The loop reached each kind of moment several times; otherwise the test proved less than it claims.
    private static func expectKillsAtEveryKindOfMoment(_ runs: [KillLoop.Run]) {
        for moment in KillLoop.Moment.allCases {
            let count = runs.filter { $0.killedWhileWorking && $0.moment == moment }.count
            let started = runs.filter { $0.killed && $0.moment == moment }.count
            print("kills \(moment.rawValue): \(moment == .soonAfterStart ? started : count)")
            if moment != .soonAfterStart { #expect(count >= 2, "too few kills \(moment.rawValue): \(runs)") }
        }
    }

    @Test("killed at 20+ random moments, then rerun: the landing zone equals one clean run's", .temporaryDatabase)
    func killsThenRerunEqualCleanRun() throws {
        var random = SeededGenerator.fromEnvironment()
        print("scrape kill test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        let node = Self.makeNode(blocks: 600)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ScrapeProcessHarness.environment(database: database, nodeURL: url)
        let connection = try database.connect()

        let loop = KillLoop(database: database, environment: environment)
        let runs = try loop.run(random: &random, beforeRun: { _, random in
            // Keep work ahead of the landing zone so every run has something to be killed in.
            let stored = try ScrapeProcessHarness.storedBlockCount(database, on: connection)
            if node.blockCount + 1 - stored < 150 { node.mine(Int.random(in: 150...250, using: &random)) }
        })
        for run in runs { print("  \(run)") }
        // A run never loses what an earlier one committed, and the landing zone grows between kills.
        for run in runs { #expect(run.storedAfter >= run.storedBefore, "\(run)") }
        Self.expectKillsAtEveryKindOfMoment(runs)
        for run in runs where run.killedWhileWorking && run.moment == .afterFirstCommit {
            #expect(run.storedAfter > run.storedBefore, "\(run)")
        }

        let final = try KillLoop.runToCompletion(environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the kills failed: \(final.result)")
        let afterKills = try LandingZoneSnapshot.read(database)
        #expect(afterKills.bestChain == Self.nodeChain(node))

        let clean = try Self.cleanRun(nodeURL: url)
        print("after \(runs.filter(\.killed).count) kills: \(afterKills); clean run: \(clean)")
        #expect(afterKills.events == clean.events)
        #expect(afterKills.blocks.count == clean.blocks.count)
        for (stored, expected) in zip(afterKills.blocks, clean.blocks) where stored != expected {
            Issue.record("block \(stored.height) differs from the clean run's: \(stored) vs \(expected)")
        }
        try Self.checkJobRuns(database, runs: runs, finished: [final.pid])
    }

    @Test("kills interleaved with reorgs: the best chain equals a clean run on the final chain", .temporaryDatabase)
    func killsAndReorgsThenRerunEqualCleanRun() throws {
        var random = SeededGenerator.fromEnvironment()
        print("scrape kill+reorg test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        let node = Self.makeNode(blocks: 600)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ScrapeProcessHarness.environment(database: database, nodeURL: url)
        let connection = try database.connect()
        var completed: [Int32] = []
        var reorgs: [String] = []

        // Fewer kills than above: here the point is their interleaving with reorgs.
        let loop = KillLoop(database: database, environment: environment, kills: 12)
        let runs = try loop.run(random: &random, beforeRun: { iteration, random in
            if iteration.isMultiple(of: 4) {
                // Catch up with the tip, then fork below it: the next (killed) run must undo stored blocks and
                // land a long new branch.
                let caughtUp = try KillLoop.runToCompletion(environment: environment)
                try #require(caughtUp.result.status == 0 && !caughtUp.result.signaled, "\(caughtUp.result)")
                completed.append(caughtUp.pid)
                let depth = Int.random(in: 3...8, using: &random)
                let newLength = depth + Int.random(in: 10...60, using: &random)
                node.reorganize(depth: depth, newLength: newLength)
                reorgs.append("before run \(iteration): depth \(depth), new length \(newLength)")
            } else {
                let stored = try ScrapeProcessHarness.storedBlockCount(database, on: connection)
                if node.blockCount + 1 - stored < 120 { node.mine(Int.random(in: 100...150, using: &random)) }
            }
        }, duringRun: { iteration, random in
            if iteration % 4 == 2 {
                let depth = Int.random(in: 3...8, using: &random)
                let newLength = max(1, depth + Int.random(in: -2...3, using: &random))
                node.reorganize(depth: depth, newLength: newLength)
                reorgs.append("during run \(iteration): depth \(depth), new length \(newLength)")
            }
        })
        for run in runs { print("  \(run)") }
        Self.expectKillsAtEveryKindOfMoment(runs)
        for reorg in reorgs { print("  reorg \(reorg)") }

        var final = try KillLoop.runToCompletion(environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the kills failed: \(final.result)")
        completed.append(final.pid)
        // One last reorg below the stored tip, followed by a clean finish.
        node.reorganize(depth: Int.random(in: 3...8, using: &random), newLength: Int.random(in: 3...10, using: &random))
        final = try KillLoop.runToCompletion(environment: environment)
        try #require(final.result.status == 0 && !final.result.signaled, "the run after the last reorg failed: \(final.result)")
        completed.append(final.pid)

        let stored = try LandingZoneSnapshot.read(database)
        let chain = Self.nodeChain(node)
        #expect(stored.bestChain == chain)
        let clean = try Self.cleanRun(nodeURL: url)
        print("after \(runs.filter(\.killed).count) kills and \(reorgs.count + 1) reorgs: \(stored); clean run: \(clean)")
        #expect(clean.bestChain == chain)
        let storedBest = stored.blocks.filter(\.inBestChain)
        let cleanBest = clean.blocks.filter(\.inBestChain)
        #expect(storedBest.count == cleanBest.count)
        for (mine, expected) in zip(storedBest, cleanBest) where mine != expected {
            Issue.record("best-chain block \(mine.height) differs from the clean run's: \(mine) vs \(expected)")
        }
        // The event log replays to exactly the stored best chain, and it recorded blocks leaving.
        switch ChainEventReplay.bestChain(from: stored.events) {
        case .success(let replayed): #expect(replayed == stored.bestChain)
        case .failure(let failure): Issue.record("the event log does not replay: \(failure)")
        }
        #expect(stored.events.contains { $0.change == "left" })
        // Blocks off the best chain are exactly those whose last event is 'left'.
        var lastChange: [String: String] = [:]
        for event in stored.events { lastChange[event.hash] = event.change }
        for block in stored.blocks {
            #expect(lastChange[block.hash] == (block.inBestChain ? "joined" : "left"), "block \(block.height) \(block.hash)")
        }
        try Self.checkJobRuns(database, runs: runs, finished: completed)
    }
}
