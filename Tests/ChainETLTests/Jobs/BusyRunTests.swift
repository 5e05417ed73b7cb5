import ChainETL
import Testing
import TestSupport

/// A run that finds its tool busy changes nothing but its own `busy` row: it takes the lock before it applies any
/// migration, so a new binary started beside a running old one neither alters the schema under it nor waits on
/// its transactions.
@Suite(.temporaryDatabase) struct BusyRunTests {
    /// Each tool, run in-process against a database whose lock for it another session holds.
    enum Tool: String, CaseIterable, CustomTestStringConvertible {
        case scrape, copyRaw = "copy-raw", aggregateDaily = "aggregate-daily", walletStats = "wallet-stats"
        case buildTop10 = "build-top10"
        var testDescription: String { rawValue }

        func run(on database: TestDatabase) throws {
            switch self {
            // The node is never asked: the lock comes first.
            case .scrape: try QuietScrape.run(database: database, nodeURL: "http://simnode:simnode@127.0.0.1:1")
            case .copyRaw: try QuietCopyRaw.run(database: database)
            case .aggregateDaily: try QuietAggregateDaily.run(database: database)
            case .walletStats: try QuietWalletStats.run(database: database)
            case .buildTop10: try QuietBuildTop10.run(database: database)
            }
        }
    }

    @Test("a busy run on a fresh database creates only etl.job_runs, for its busy row", arguments: Tool.allCases)
    func busyRunAppliesNothingElse(tool: Tool) throws {
        let database = try TestDatabase.current
        let holder = try database.connect()
        let lock = try ToolLock.acquire(tool: tool.rawValue, on: holder)
        let error = try #require(throws: ToolBusyError.self) { try tool.run(on: database) }
        #expect(error.exitStatus == .busy)
        let schemas = try holder.query("""
            SELECT nspname::text FROM pg_namespace WHERE nspname IN ('etl', 'raw', 'chain', 'stats') ORDER BY 1
            """).map { try $0.string(0) }
        #expect(schemas == ["etl"])
        let runs = try holder.query("SELECT tool, status FROM etl.job_runs").map { [try $0.string(0), try $0.string(1)] }
        #expect(runs == [[tool.rawValue, "busy"]])
        try lock.release(on: holder)
    }
}
