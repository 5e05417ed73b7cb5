import ChainETL
import Foundation
import TestSupport

/// What the end-to-end tests of the `wallet-stats` executable share: the environment a cron line would set, a
/// small chain, and the facts they read back (`etl.job_runs`, labels).
enum WalletStatsProcessHarness {
    static let tool = ToolExecutable(name: "wallet-stats")

    /// The complete connection string and nothing else (the child inherits no `PG*` variables).
    static func environment(database: TestDatabase, extra: [String: String] = [:]) -> [String: String] {
        ["DATABASE_URL": database.connectionString].merging(extra) { _, new in new }
    }

    /// Three blocks over two UTC days paying three miners, so a run has addresses and days to write.
    @discardableResult
    static func craftThreeBlocks(_ database: TestDatabase) throws -> CraftedChain {
        var chain = try CraftedChain(connection: try database.connect())
        for (offset, miner) in [(-600, "1Ann"), (-1, "1Ben"), (300, "1Cid")] {
            try chain.mine(time: 1_704_153_600 + Int64(offset), coinbase: [CraftedPayment(miner, 5_000_000_000)])
        }
        return chain
    }

    /// The statuses of the tool's rows in `etl.job_runs`, oldest first.
    static func jobRuns(_ database: TestDatabase) throws -> [(pid: Int32, status: String)] {
        try database.connect().query(
            "SELECT pid, status FROM etl.job_runs WHERE tool = 'wallet-stats' ORDER BY id"
        ).map { (Int32(try $0.int(0)), try $0.string(1)) }
    }

    /// Labels stored, as `address|label|category`.
    static func labels(_ database: TestDatabase) throws -> [String] {
        let connection = try database.connect()
        guard try connection.query("SELECT to_regclass('etl.address_labels') IS NOT NULL")[0].bool(0) else { return [] }
        return try connection.query(
            "SELECT address || '|' || coalesce(label, '') || '|' || category FROM etl.address_labels ORDER BY address"
        ).map { try $0.string(0) }
    }

    /// Writes `text` to a temporary file and returns its path.
    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the tool to its end, retrying while a killed run's session still holds the lock (exit 3: the server
    /// notices a dead client only when that session next talks to it).
    static func runToCompletion(_ arguments: [String] = [], environment: [String: String]) throws
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
        throw TestDatabaseError("wallet-stats stayed busy for 5 s after the last kill")
    }
}
