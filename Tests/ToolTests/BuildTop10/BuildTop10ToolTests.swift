import ChainETL
import Foundation
import TestSupport
import Testing

/// The `build-top10` executable as cron runs it: exit codes 0/1/2/3, one error line, one summary line on
/// success, one run at a time, and a `kill -9` half-way through its swap that leaves the old tables whole.
@Suite("build-top10: the executable")
struct BuildTop10ToolTests {
    private let tool = BuildTop10ProcessHarness.tool

    private func expectOneErrorLine(_ run: ToolProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.standardError.hasPrefix("build-top10: error: "), "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(run)", sourceLocation: sourceLocation)
    }

    @Test("--help exits 0 and documents --export-json, the environment and the exit codes")
    func help() throws {
        let run = try tool.run(["--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.standardOutput.contains("--export-json"))
        #expect(run.standardOutput.contains("TOP_RICHEST_N"))
        #expect(run.standardOutput.contains("EXIT CODES"))
    }

    @Test("a TOP_RICHEST_N outside 1...1000 or an empty --export-json is a usage error (exit 2)")
    func usageErrors() throws {
        for (arguments, environment) in [([String](), ["TOP_RICHEST_N": "1001"]), (["--export-json", ""], [:])] {
            let run = try tool.run(arguments, environment: environment.merging(["DATABASE_URL": "postgresql://x:secret-1@127.0.0.1:1/x"]) { a, _ in a })
            #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
            expectOneErrorLine(run)
        }
    }

    @Test("under cron: one summary line on stdout, nothing on stderr; the second run changes nothing", .temporaryDatabase)
    func quietOnSuccess() throws {
        let database = try TestDatabase.current
        _ = try BuildTop10ProcessHarness.prepare(database)
        let first = try tool.run([], environment: BuildTop10ProcessHarness.environment(database))
        #expect(first.status == 0 && !first.signaled, "\(first)")
        #expect(first.standardOutput.split(separator: "\n").count == 1, "\(first)")
        // 3 richest (1Alice 80, 1Genesis 50, 1Bob 20), 2 miners, 1 transfer, 3 active addresses, 1 status row.
        #expect(first.standardOutput.hasPrefix("build-top10: 10 rows (5 tables changed) 2..2 in "), "\(first)")
        #expect(!first.standardError.contains("warning") && !first.standardError.contains("error"), "\(first)")

        let second = try tool.run([], environment: BuildTop10ProcessHarness.environment(database))
        #expect(second.status == 0 && !second.signaled, "\(second)")
        #expect(second.standardError.isEmpty, "\(second)")
        #expect(second.standardOutput.hasPrefix("build-top10: 0 rows (0 tables changed) 2..2 in "), "\(second)")
        #expect(second.standardOutput.split(separator: "\n").count == 1, "\(second)")
    }

    @Test("--export-json names the files on the summary line; a path that is a file is exit 2", .temporaryDatabase)
    func exportFromTheCommandLine() throws {
        let database = try TestDatabase.current
        _ = try BuildTop10ProcessHarness.prepare(database)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("top10-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try tool.run(["--export-json", directory.path], environment: BuildTop10ProcessHarness.environment(database))
        #expect(run.status == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("top_richest.json") && files.contains("network_status.json"))
        #expect(!files.contains("address_stats.json"))
        #expect(run.standardOutput.contains("(5 tables changed, \(files.count) files)"), "\(run)")

        let file = directory.appendingPathComponent("top_richest.json").path
        let blocked = try tool.run(["--export-json", file], environment: BuildTop10ProcessHarness.environment(database))
        #expect(blocked.status == ExitStatus.usage.rawValue && !blocked.signaled, "\(blocked)")
        expectOneErrorLine(blocked)
        #expect(blocked.standardError.contains(file))
    }

    @Test("before wallet-stats ever ran: exit 1, one line saying to run it first", .temporaryDatabase)
    func missingWalletStats() throws {
        let database = try TestDatabase.current
        _ = try BuildTop10ProcessHarness.prepare(database, withWalletStats: false)
        let run = try tool.run([], environment: BuildTop10ProcessHarness.environment(database))
        #expect(run.status == ExitStatus.failure.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("stats.address_stats"))
        #expect(run.standardError.contains("run wallet-stats first"))
        #expect(try BuildTop10ProcessHarness.jobRunStatuses(database.connect()) == ["failure"])
    }

    @Test("while another run holds the lock: exit 3, one line about the lock, nothing changed", .temporaryDatabase)
    func busy() throws {
        let database = try TestDatabase.current
        _ = try BuildTop10ProcessHarness.prepare(database)
        let connection = try database.connect()
        let environment = BuildTop10ProcessHarness.environment(database)
        #expect(try tool.run([], environment: environment).status == 0)
        try connection.execute("INSERT INTO etl.address_labels (address, label, category) VALUES ('1Bob', 'Bob', 'x')")
        let before = try BuildTop10ProcessHarness.topTables(connection)

        let holder = try database.connect()
        let lock = try ToolLock.acquire(tool: "build-top10", on: holder)
        let run = try tool.run([], environment: environment)
        #expect(run.status == ExitStatus.busy.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("lock"))
        #expect(try BuildTop10ProcessHarness.topTables(connection) == before)
        #expect(try BuildTop10ProcessHarness.jobRunStatuses(connection) == ["success", "busy"])

        try lock.release(on: holder)
        #expect(try tool.run([], environment: environment).status == 0)
        #expect(try BuildTop10ProcessHarness.topTables(connection) != before)
    }

    @Test("kill -9 while the swap is half done: readers keep the old tables, the next run completes them", .temporaryDatabase)
    func killedMidSwap() throws {
        let database = try TestDatabase.current
        _ = try BuildTop10ProcessHarness.prepare(database)
        let connection = try database.connect()
        let environment = BuildTop10ProcessHarness.environment(database)
        #expect(try tool.run([], environment: environment).status == 0)
        let old = try BuildTop10ProcessHarness.topTables(connection)
        try connection.execute("INSERT INTO etl.address_labels (address, label, category) VALUES ('1Alice', 'Alice', 'x')")
        try connection.execute("UPDATE stats.address_stats SET balance = balance + 1 WHERE address = '1Bob'")

        // The status table is swapped last: a SHARE lock lets the run read it but holds its DELETE, so the run
        // waits with top_richest already replaced inside its transaction. Then it is killed.
        let holder = try database.connect()
        try holder.executeScript("BEGIN; LOCK TABLE stats.network_status IN SHARE MODE")
        let process = try tool.start([], environment: environment)
        let deadline = ContinuousClock.now + .seconds(60)
        while try connection.query("""
            SELECT count(*) FROM pg_locks WHERE relation = 'stats.network_status'::regclass AND NOT granted
            """)[0].int(0) == 0 {
            try #require(ContinuousClock.now < deadline && process.isRunning, "the run never reached the status swap")
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.killHard()
        let killed = process.wait()
        #expect(killed.signaled && killed.status == SIGKILL, "\(killed)")
        #expect(try BuildTop10ProcessHarness.topTables(connection) == old)

        // Its server session finishes the statement it waited on, finds the client gone and rolls back.
        try holder.executeScript("COMMIT")
        while try connection.query(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'chain-etl build-top10'")[0].int(0) > 0 {
            try #require(ContinuousClock.now < deadline, "the killed run's session never ended")
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(try BuildTop10ProcessHarness.topTables(connection) == old)

        let rerun = try tool.run([], environment: environment)
        #expect(rerun.status == 0, "\(rerun)")
        let new = try BuildTop10ProcessHarness.topTables(connection)
        #expect(new != old)
        #expect(new.contains(["richest", "1", "1Alice", "8000000000", "80.00000000", "Alice"]))
        #expect(new.contains(["richest", "3", "1Bob", "2000000001", "20.00000001", nil]))
        #expect(try BuildTop10ProcessHarness.jobRunStatuses(connection) == ["success", "abandoned", "success"])
    }
}
