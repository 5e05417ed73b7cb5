import ChainETL
import Foundation
import TestSupport
import Testing

/// SPEC.md, "Clear failure" and "Visible", for the `wallet-stats` executable and its subcommands: documented exit
/// codes, one actionable line on stderr, no password shown, quiet under cron except the summary line.
@Suite("wallet-stats: exit codes, messages and subcommands")
struct WalletStatsExitCodeTests {
    private let tool = AnalyticsToolHarness.walletStats.tool

    private func expectOneErrorLine(_ run: ToolProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.standardError.hasPrefix("wallet-stats: error: "), "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(run)", sourceLocation: sourceLocation)
    }

    @Test("a run prints one summary line and nothing on stderr; a second run finds nothing to do", .temporaryDatabase)
    func quietOnSuccess() throws {
        let database = try TestDatabase.current
        var chain = try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.walletStats.environment(database: database)
        let first = try tool.run([], environment: environment)
        #expect(first.status == 0 && !first.signaled, "\(first)")
        #expect(first.standardOutput.hasPrefix("wallet-stats: 3 blocks (3 addresses rebuilt, 3 non-empty addresses) 0..2 in "),
                "\(first)")
        #expect(first.standardOutput.split(separator: "\n").count == 1, "\(first)")
        #expect(!first.standardError.contains(" warning: ") && !first.standardError.contains(" error"), "\(first)")

        try chain.mine(time: 1_704_153_600 + 900, coinbase: [CraftedPayment("1Dee", 5_000_000_000)])
        let second = try tool.run(["run"], environment: environment)
        #expect(second.status == 0 && second.standardError.isEmpty, "\(second)")
        #expect(second.standardOutput.hasPrefix("wallet-stats: 1 blocks (1 movements, 1 addresses changed, 4 non-empty addresses) 3..3 in "),
                "\(second)")
        let idle = try tool.run([], environment: environment)
        #expect(idle.status == 0 && idle.standardError.isEmpty, "\(idle)")
        #expect(idle.standardOutput.hasPrefix("wallet-stats: 0 blocks (4 non-empty addresses) in "), "\(idle)")
        #expect(try AnalyticsToolHarness.walletStats.jobRuns(database).map(\.status) == ["success", "success", "success"])
    }

    @Test("a database that is down: non-zero within seconds, naming host and port, without the password")
    func databaseDown() throws {
        let port = try ScrapeProcessHarness.unusedPort()
        let run = try tool.run([], environment: ["DATABASE_URL": "postgresql://etl:db-secret-7741@127.0.0.1:\(port)/analytics"])
        #expect(run.status != 0 && !run.signaled && run.elapsed < .seconds(30), "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("127.0.0.1") && run.standardError.contains("\(port)"), "\(run)")
        #expect(!run.standardError.contains("db-secret-7741"))
    }

    @Test("a wrong database password: exit 2, without the password", .temporaryDatabase)
    func wrongDatabasePassword() throws {
        let connection = try TestDatabase.current.connect()
        let row = try connection.query("SELECT current_setting('port'), current_user, current_database()")[0]
        let url = "postgresql://\(try row.string(1)):db-secret-7742@127.0.0.1:\(try row.string(0))/\(try row.string(2))"
        let run = try tool.run(["labels", "list"], environment: ["DATABASE_URL": url])
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("password") && !run.standardError.contains("db-secret-7742"), "\(run)")
    }

    @Test("usage errors exit 2 before anything is contacted", arguments: [
        ["--bogus"], ["frobnicate"], ["labels", "import"], ["watch", "add"], ["watch", "add", "1Bad Address"],
    ])
    func usageErrors(arguments: [String]) throws {
        let run = try tool.run(arguments, environment: ["DATABASE_URL": "postgresql://etl:x@127.0.0.1:1/analytics"])
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
    }

    @Test("labels import: a malformed file exits 2 naming the line, imports nothing; a good one is listed back as CSV",
          .temporaryDatabase)
    func labelsImportAndList() throws {
        let database = try TestDatabase.current
        try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.walletStats.environment(database: database)
        var bytes = Array("address,label,category\n1Ann,Ann,Mining\n1Ben,Ben,Caf".utf8)
        bytes += [0xE9, 0x0A]
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        let refused = try tool.run(["labels", "import", bad], environment: environment)
        #expect(refused.status == ExitStatus.usage.rawValue, "\(refused)")
        expectOneErrorLine(refused)
        #expect(refused.standardError.contains("line 3: the category is not valid UTF-8"), "\(refused)")
        #expect(refused.standardError.contains("nothing was imported"), "\(refused)")
        #expect(try WalletStatsProcessHarness.labels(database).isEmpty)

        let missing = try tool.run(["labels", "import", "/nonexistent/labels.csv"], environment: environment)
        #expect(missing.status == ExitStatus.usage.rawValue, "\(missing)")
        expectOneErrorLine(missing)

        let good = try WalletStatsProcessHarness.temporaryFile("1Ann,\"Ann, the miner\",Mining\n1Zed,,Exchange\n")
        let imported = try tool.run(["labels", "import", good], environment: environment)
        #expect(imported.status == 0 && imported.standardError.isEmpty, "\(imported)")
        #expect(imported.standardOutput == "wallet-stats: imported 2 labels from \(good) (2 added, 0 changed, 0 unchanged)\n")
        let listed = try tool.run(["labels", "list"], environment: environment)
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.standardOutput == "address,label,category\n1Zed,,Exchange\n1Ann,\"Ann, the miner\",Mining\n")
        let mining = try tool.run(["labels", "list", "--category", "Mining"], environment: environment)
        #expect(mining.standardOutput == "address,label,category\n1Ann,\"Ann, the miner\",Mining\n", "\(mining)")
    }

    @Test("watch add, list and remove", .temporaryDatabase)
    func watch() throws {
        let database = try TestDatabase.current
        try AnalyticsToolHarness.craftThreeBlocks(database)
        let environment = AnalyticsToolHarness.walletStats.environment(database: database)
        #expect(try tool.run([], environment: environment).status == 0)

        let added = try tool.run(["watch", "add", "1Ben", "--owner", "Ben"], environment: environment)
        #expect(added.status == 0 && added.standardOutput == "wallet-stats: watching 1Ben (owner Ben)\n", "\(added)")
        let unknown = try tool.run(["watch", "add", "1Nobody"], environment: environment)
        #expect(unknown.standardOutput.contains("note: 1Nobody has no transaction on the best chain yet"), "\(unknown)")
        let listed = try tool.run(["watch", "list"], environment: environment)
        let lines = listed.standardOutput.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines.count == 3, "\(listed)")
        #expect(lines.dropFirst().first?[0] == "1Ben" && lines.dropFirst().first?[1] == "Ben")
        #expect(lines.dropFirst().first?[3] == "50.00000000" && lines.dropFirst().first?[4] == "1", "\(listed)")
        let removed = try tool.run(["watch", "remove", "1Nobody"], environment: environment)
        #expect(removed.standardOutput == "wallet-stats: stopped watching 1Nobody\n", "\(removed)")
        let again = try tool.run(["watch", "remove", "1Nobody"], environment: environment)
        #expect(again.status == 0 && again.standardOutput == "wallet-stats: 1Nobody was not watched; nothing changed\n")
    }
}
