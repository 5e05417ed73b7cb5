import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// The whole hourly chain as cron runs it (`scrape && copy-raw && aggregate-daily && wallet-stats &&
/// build-top10`), the real executables against simnode: several "hours" with new blocks, reorgs and a `kill -9`
/// in between end with exactly the chain and stats tables one clean run of the chain builds on the final chain.
@Suite("the hourly chain end to end")
struct HourlyChainTests {
    private static let tools = ["scrape", "copy-raw", "aggregate-daily", "wallet-stats", "build-top10"]

    /// Runs the chain like the crontab line: each tool in turn, stopping at the first that fails.
    private static func runChain(_ environment: [String: String]) throws -> [String: ToolProcess.Result] {
        var results: [String: ToolProcess.Result] = [:]
        for tool in tools {
            let result = try ToolExecutable(name: tool).run([], environment: environment, timeout: .seconds(300))
            results[tool] = result
            guard result.status == 0, !result.signaled else { break }
        }
        return results
    }

    private static func expectSuccess(_ results: [String: ToolProcess.Result], _ what: String) {
        for tool in tools {
            let result = results[tool]
            #expect(result?.status == 0 && result?.signaled == false, "\(what): \(tool) \(result.map(String.init(describing:)) ?? "did not run")")
        }
    }

    @Test("hours with new blocks, reorgs and kills equal one clean run on the final chain", .temporaryDatabase)
    func hourlyHistoryEqualsCleanRun() throws {
        var random = SeededGenerator.fromEnvironment()
        print("hourly chain test: seed \(random.seed) (replay with CHAIN_ETL_TEST_SEED=\(random.seed))")
        // About 1.9 days of blocks at first (600 s apart), so days, windows and the 24-hour tables all have content.
        let node = SimNode(configuration: SimNodeConfiguration(seed: 99, initialBlocks: 270, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ["DATABASE_URL": database.connectionString, "NODE_RPC_URL": url]

        Self.expectSuccess(try Self.runChain(environment), "first hour")
        for hour in 1...5 {
            node.mine(Int.random(in: 10...40, using: &random))
            if hour == 2 || hour == 4 {
                let depth = Int.random(in: 2...12, using: &random)
                node.reorganize(depth: depth, newLength: depth + Int.random(in: -1...6, using: &random))
            }
            if hour == 3 {
                // This hour's chain dies with kill -9 in one of its tools; the next hour has to finish the work.
                let victim = Self.tools[Int.random(in: 1..<Self.tools.count, using: &random)]
                for tool in Self.tools {
                    if tool == victim {
                        let process = try ToolExecutable(name: tool).start([], environment: environment)
                        Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.4, using: &random))
                        process.killHard()
                        _ = process.wait(timeout: .seconds(60))
                        print("hour 3: killed \(tool)")
                        break
                    }
                    let result = try ToolExecutable(name: tool).run([], environment: environment, timeout: .seconds(300))
                    #expect(result.status == 0, "hour 3: \(tool) \(result)")
                }
                continue
            }
            // A killed run's session may hold its lock for a moment: busy (3) is retried like cron's next hour.
            var results = try Self.runChain(environment)
            for _ in 0..<20 where results.values.contains(where: { $0.status == ExitStatus.busy.rawValue }) {
                Thread.sleep(forTimeInterval: 0.2)
                results = try Self.runChain(environment)
            }
            Self.expectSuccess(results, "hour \(hour)")
        }
        let connection = try database.connect()
        let chain = try ChainSnapshot.read(connection)
        let stats = try StatsSnapshot.read(connection)

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        Self.expectSuccess(try Self.runChain(["DATABASE_URL": clean.connectionString, "NODE_RPC_URL": url]), "clean run")
        let cleanConnection = try clean.connect()
        #expect(chain == (try ChainSnapshot.read(cleanConnection)))
        let expected = try StatsSnapshot.read(cleanConnection)
        print("after the hours: \(stats); clean run: \(expected)")
        #expect(stats.tables.keys.sorted() == expected.tables.keys.sorted())
        for table in expected.tables.keys.sorted() where stats.tables[table] != expected.tables[table] {
            let mine = stats.tables[table] ?? []
            let theirs = expected.tables[table] ?? []
            let first = zip(mine, theirs).first { $0 != $1 }
            Issue.record("stats.\(table) differs from the clean run's (\(mine.count) vs \(theirs.count) rows); first difference: \(first.map { "\($0.0) vs \($0.1)" } ?? "in length")")
        }
        #expect(!(stats.tables["top_richest"] ?? []).isEmpty)
        #expect(!(stats.tables["daily_blocks"] ?? []).isEmpty)
    }
}
