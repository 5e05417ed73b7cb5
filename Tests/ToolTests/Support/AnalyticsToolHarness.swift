import ChainETL
import Foundation
import TestSupport

/// What the end-to-end tests of a tool that reads only the analytics database share (aggregate-daily,
/// wallet-stats): the environment a cron line would set, a small chain to work on, its `etl.job_runs` rows, and a
/// run to completion after kills.
struct AnalyticsToolHarness: Sendable {
    let tool: ToolExecutable

    static let aggregateDaily = AnalyticsToolHarness(tool: ToolExecutable(name: "aggregate-daily"))
    static let walletStats = AnalyticsToolHarness(tool: ToolExecutable(name: "wallet-stats"))

    /// The complete connection string and nothing else (the child inherits no `PG*` variables).
    func environment(database: TestDatabase, extra: [String: String] = [:]) -> [String: String] {
        ["DATABASE_URL": database.connectionString].merging(extra) { _, new in new }
    }

    /// Three blocks over two UTC days (2024-01-01 23:50, 23:59:59; 2024-01-02 00:05) paying three miners, so a
    /// run has days and addresses to write.
    @discardableResult
    static func craftThreeBlocks(_ database: TestDatabase) throws -> CraftedChain {
        var chain = try CraftedChain(connection: try database.connect())
        for (offset, miner) in [(-600, "1Ann"), (-1, "1Ben"), (300, "1Cid")] {
            try chain.mine(time: 1_704_153_600 + Int64(offset), coinbase: [CraftedPayment(miner, 5_000_000_000)])
        }
        return chain
    }

    /// The tool's rows in `etl.job_runs`, oldest first, with the pid of each run.
    func jobRuns(_ database: TestDatabase) throws -> [(pid: Int32, status: String)] {
        try database.connect().query(
            "SELECT pid, status FROM etl.job_runs WHERE tool = $1 ORDER BY id", [tool.name]
        ).map { (Int32(try $0.int(0)), try $0.string(1)) }
    }

    /// Runs the tool to its end, retrying while a killed run's session still holds the lock (exit 3: the server
    /// notices a dead client only when that session next talks to it).
    func runToCompletion(_ arguments: [String] = [], environment: [String: String]) throws
        -> (pid: Int32, result: ToolProcess.Result)
    {
        for _ in 0..<100 {
            let process = try tool.start(arguments, environment: environment)
            let result = process.wait(timeout: .seconds(120))
            if result.signaled || result.status != ExitStatus.busy.rawValue {
                return (process.processIdentifier, result)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestDatabaseError("\(tool.name) stayed busy for 5 s after the last kill")
    }
}
