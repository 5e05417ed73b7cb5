import ChainETL
import Foundation
import TestSupport
import Testing

/// SPEC.md, "Clear failure" and "Visible", for the `aggregate-daily` executable: the documented exit codes, one
/// line a person can act on, no password shown, and under cron nothing but the summary line.
@Suite("aggregate-daily: exit codes and messages")
struct AggregateDailyExitCodeTests {
    private let tool = AnalyticsToolHarness.aggregateDaily.tool
    /// Usage errors must be found before any connection is tried: this database does not exist.
    private let unreachable = ["DATABASE_URL": "postgresql://etl:db-secret-8841@127.0.0.1:1/analytics"]

    private func expectOneErrorLine(_ run: ToolProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.standardError.hasPrefix("aggregate-daily: error: "), "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(run)", sourceLocation: sourceLocation)
    }

    @Test("usage errors exit 2 before anything is contacted, naming the option",
          arguments: [
            (["--from", "2024-02-30"], "--from"), (["--to", "yesterday"], "--to"),
            (["--from", "2024-03-02", "--to", "2024-03-01"], "--to"), (["--full", "--from", "2024-03-01"], "--full"),
          ])
    func usageErrors(arguments: [String], option: String) throws {
        let run = try tool.run(arguments, environment: unreachable)
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains(option), "\(run)")
    }

    @Test("a database that is down: non-zero within seconds, naming host and port, without the password")
    func databaseDown() throws {
        let run = try tool.run([], environment: unreachable)
        #expect(run.status != 0 && !run.signaled && run.elapsed < .seconds(30), "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("127.0.0.1") && run.standardError.contains(":1"), "\(run)")
        #expect(!run.standardError.contains("db-secret-8841"))
    }

    @Test("a wrong database password: exit 2, saying what to check, without the password", .temporaryDatabase)
    func wrongDatabasePassword() throws {
        let row = try TestDatabase.current.connect()
            .query("SELECT current_setting('port'), current_user, current_database()")[0]
        let url = "postgresql://\(try row.string(1)):db-secret-8842@127.0.0.1:\(try row.string(0))/\(try row.string(2))"
        let run = try tool.run([], environment: ["DATABASE_URL": url])
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("password"), "\(run)")
        #expect(!run.standardError.contains("db-secret-8842"))
    }

    @Test("under cron a run prints one summary line on stdout and nothing on stderr", .temporaryDatabase)
    func quietOnSuccess() throws {
        let database = try TestDatabase.current
        var chain = try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.aggregateDaily.environment(database: database)

        let first = try tool.run([], environment: environment)
        #expect(first.status == 0 && !first.signaled, "\(first)")
        #expect(first.standardOutput.split(separator: "\n").count == 1, "\(first)")
        #expect(first.standardOutput.hasPrefix("aggregate-daily: 3 blocks (2 days, 3 changes, "), "\(first)")
        #expect(!first.standardError.contains(" warning: ") && !first.standardError.contains(" error"), "\(first)")

        try chain.mine(time: 1_704_153_600 + 900, coinbase: [CraftedPayment("1Dee", 5_000_000_000)])
        let second = try tool.run([], environment: environment)
        #expect(second.status == 0 && second.standardError.isEmpty, "\(second)")
        #expect(second.standardOutput.hasPrefix("aggregate-daily: 1 blocks (2 days, 1 changes, "), "\(second)")
        #expect(second.standardOutput.split(separator: "\n").count == 1, "\(second)")

        let idle = try tool.run([], environment: environment)
        #expect(idle.status == 0 && idle.standardError.isEmpty, "\(idle)")
        #expect(idle.standardOutput.hasPrefix("aggregate-daily: 0 blocks (2 days, 0 rows written) in "), "\(idle)")

        let full = try tool.run(["--full"], environment: environment)
        #expect(full.status == 0 && full.standardError.isEmpty, "\(full)")
        #expect(full.standardOutput.hasPrefix("aggregate-daily: 4 blocks (2 days, 0 rows written) 0..3 in "), "\(full)")

        let range = try tool.run(["--from", "2024-01-02", "--to", "2024-01-02"], environment: environment)
        #expect(range.status == 0 && range.standardError.isEmpty, "\(range)")
        #expect(range.standardOutput.hasPrefix("aggregate-daily: 2 blocks (1 days, 0 rows written) 2..3 in "), "\(range)")
        #expect(try AnalyticsToolHarness.aggregateDaily.jobRuns(database).map(\.status) == Array(repeating: "success", count: 5))
    }
}
