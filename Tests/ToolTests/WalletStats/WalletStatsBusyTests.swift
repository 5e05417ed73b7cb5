import ChainETL
import Foundation
import TestSupport
import Testing

/// SPEC.md, "One at a time": while another run holds the wallet-stats lock, a run (or a label import) says so,
/// exits 3 and changes nothing; the next run after the lock is released catches up.
@Suite("wallet-stats: one run at a time")
struct WalletStatsBusyTests {
    @Test("while another session holds the lock: exit 3, one line about the lock, nothing changed", .temporaryDatabase)
    func busyWhileLockIsHeld() throws {
        let database = try TestDatabase.current
        var chain = try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.walletStats.environment(database: database)
        let tool = AnalyticsToolHarness.walletStats.tool
        try #require(try tool.run([], environment: environment).status == 0)
        try chain.mine(time: 1_704_153_600 + 900, coinbase: [CraftedPayment("1Dee", 5_000_000_000)])
        let before = try QuietWalletStats.state(database)

        let holder = try database.connect()
        let lock = try ToolLock.acquire(tool: WalletStatsJob.tool, on: holder)
        let busy = try tool.run([], environment: environment)
        #expect(busy.status == ExitStatus.busy.rawValue && !busy.signaled, "\(busy)")
        #expect(busy.standardError.hasPrefix("wallet-stats: error: ") && busy.standardError.contains("lock"), "\(busy)")
        #expect(busy.standardError.split(separator: "\n").count == 1 && busy.standardOutput.isEmpty, "\(busy)")
        let file = try WalletStatsProcessHarness.temporaryFile("1Dee,Dee,Mining\n")
        let busyImport = try tool.run(["labels", "import", file], environment: environment)
        #expect(busyImport.status == ExitStatus.busy.rawValue, "\(busyImport)")
        #expect(try QuietWalletStats.state(database) == before)
        #expect(try WalletStatsProcessHarness.labels(database).isEmpty)
        #expect(try AnalyticsToolHarness.walletStats.jobRuns(database).map(\.status) == ["success", "busy"])

        try lock.release(on: holder)
        let after = try tool.run([], environment: environment)
        #expect(after.status == 0, "\(after)")
        #expect(try QuietWalletStats.state(database)["stats.address_stats"].count == 4)
    }
}
