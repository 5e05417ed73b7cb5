import ChainETL
import Foundation
import TestSupport
import Testing

/// SPEC.md, "One at a time": while another run holds the aggregate-daily lock, a run says so, exits 3 and
/// changes nothing; the next run after the lock is released catches up.
@Suite("aggregate-daily: one run at a time")
struct AggregateDailyBusyTests {
    @Test("while another session holds the lock: exit 3, one line about the lock, nothing changed", .temporaryDatabase)
    func busyWhileLockIsHeld() throws {
        let database = try TestDatabase.current
        var chain = try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.aggregateDaily.environment(database: database)
        let tool = AnalyticsToolHarness.aggregateDaily.tool
        let first = try tool.run([], environment: environment)
        try #require(first.status == 0, "\(first)")
        try chain.mine(time: 1_704_153_600 + 86_400, coinbase: [CraftedPayment("1Dee", 5_000_000_000)])
        let before = try QuietAggregateDaily.state(database)

        let holder = try database.connect()
        let lock = try ToolLock.acquire(tool: AggregateDailyJob.tool, on: holder)
        let busy = try tool.run([], environment: environment)
        #expect(busy.status == ExitStatus.busy.rawValue && !busy.signaled, "\(busy)")
        #expect(busy.standardError.hasPrefix("aggregate-daily: error: ") && busy.standardError.contains("lock"), "\(busy)")
        #expect(busy.standardError.split(separator: "\n").count == 1 && busy.standardOutput.isEmpty, "\(busy)")
        #expect(try QuietAggregateDaily.state(database) == before)
        #expect(try AnalyticsToolHarness.aggregateDaily.jobRuns(database).map(\.status) == ["success", "busy"])

        try lock.release(on: holder)
        let after = try tool.run([], environment: environment)
        #expect(after.status == 0, "\(after)")
        let caughtUp = try QuietAggregateDaily.state(database)
        #expect(caughtUp["stats.daily_blocks"].count == before["stats.daily_blocks"].count + 1)
        #expect(caughtUp.cursor == 4)
    }
}
