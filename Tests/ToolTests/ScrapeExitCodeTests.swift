import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "Clear failure" and "Visible": the `scrape` executable ends with the documented code and one line a
/// person can act on, never shows a password, fails fast when the node or the database is not there, and under
/// cron prints nothing but its summary line.
@Suite("scrape: exit codes and messages")
struct ScrapeExitCodeTests {
    private let scrape = ScrapeProcessHarness.scrape

    private func expectOneErrorLine(_ run: ToolProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.standardError.hasPrefix("scrape: error: "), "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(run)", sourceLocation: sourceLocation)
    }

    @Test("a wrong node password: exit 2 (configuration) within seconds, and the message does not show it", .temporaryDatabase)
    func wrongNodePassword() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 3, initialBlocks: 5, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let wrong = url.replacingOccurrences(of: ":simnode@", with: ":node-secret-7731@")
        let run = try scrape.run([], environment: ScrapeProcessHarness.environment(database: database, nodeURL: wrong))
        #expect(run.status == ExitStatus.usage.rawValue, "\(run)")
        #expect(run.standardError.contains("HTTP 401"), "\(run)")
        #expect(!run.signaled && run.elapsed < .seconds(10), "\(run)")
        expectOneErrorLine(run)
        #expect(!run.standardError.contains("node-secret-7731"))
        #expect(run.standardError.contains("127.0.0.1:\(node.port ?? 0)"), "\(run)")
        #expect(try LandingZoneSnapshot.read(database).blocks.isEmpty)
    }

    @Test("nothing listening at NODE_RPC_URL: exit 1 within seconds, naming the address", .temporaryDatabase)
    func nodeNotListening() throws {
        let port = try ScrapeProcessHarness.unusedPort()
        let run = try scrape.run([], environment: ScrapeProcessHarness.environment(
            database: try TestDatabase.current, nodeURL: "http://rpc:node-secret-7732@127.0.0.1:\(port)"))
        #expect(run.status == ExitStatus.failure.rawValue && !run.signaled, "\(run)")
        #expect(run.elapsed < .seconds(10), "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("127.0.0.1:\(port)"))
        #expect(!run.standardError.contains("node-secret-7732"))
    }

    @Test("a database that is down: non-zero, naming host and port, without the password")
    func databaseDown() throws {
        let port = try ScrapeProcessHarness.unusedPort()
        let run = try scrape.run([], environment: [
            "DATABASE_URL": "postgresql://etl:db-secret-7733@127.0.0.1:\(port)/analytics",
            "NODE_RPC_URL": "http://rpc:node-secret-7734@127.0.0.1:1",
        ])
        #expect(run.status != 0 && !run.signaled, "\(run)")
        #expect(run.elapsed < .seconds(30), "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("127.0.0.1"), "\(run)")
        #expect(run.standardError.contains("\(port)"), "\(run)")
        #expect(!run.standardError.contains("db-secret-7733"))
        #expect(!run.standardError.contains("node-secret-7734"))
    }

    @Test("a wrong database password: exit 2 at once, saying what to check, without the password", .temporaryDatabase)
    func wrongDatabasePassword() throws {
        // The test server accepts TCP on 127.0.0.1 with scram-sha-256 only (README's test contract).
        let connection = try TestDatabase.current.connect()
        let row = try connection.query("SELECT current_setting('port'), current_user, current_database()")[0]
        let url = "postgresql://\(try row.string(1)):db-secret-7736@127.0.0.1:\(try row.string(0))/\(try row.string(2))"
        let run = try scrape.run([], environment: ["DATABASE_URL": url, "NODE_RPC_URL": "http://rpc:x@127.0.0.1:1"])
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        #expect(run.elapsed < .seconds(10), "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("password"), "\(run)")
        #expect(!run.standardError.contains("db-secret-7736"))
    }

    @Test("--to below --from is a usage error (exit 2) before anything is contacted")
    func toBelowFrom() throws {
        let run = try scrape.run(["--from", "10", "--to", "5"], environment: [
            "DATABASE_URL": "postgresql://etl:db-secret-7735@127.0.0.1:1/analytics",
            "NODE_RPC_URL": "http://rpc:x@127.0.0.1:1",
        ])
        #expect(run.status == ExitStatus.usage.rawValue && !run.signaled, "\(run)")
        expectOneErrorLine(run)
        #expect(run.standardError.contains("--to"))
    }

    @Test("under cron a successful run prints one summary line on stdout and nothing on stderr", .temporaryDatabase)
    func quietOnSuccess() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 4, initialBlocks: 30, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ScrapeProcessHarness.environment(database: database, nodeURL: url)

        // The first run on a fresh database also creates the schema; whatever it logs must not be a warning.
        let first = try scrape.run([], environment: environment)
        #expect(first.status == 0 && !first.signaled, "\(first)")
        #expect(first.standardOutput.split(separator: "\n").count == 1, "\(first)")
        #expect(first.standardOutput.hasPrefix("scrape: 31 blocks"), "\(first)")
        let setupLines = first.standardError.split(separator: "\n")
        #expect(!setupLines.contains { $0.contains(" warning: ") || $0.contains(" error") }, "\(first)")
        if !setupLines.isEmpty { print("scrape's first run on a fresh database logged:\n\(first.standardError)") }

        // Every later cron run: the summary line and nothing else.
        node.mine(5)
        let second = try scrape.run([], environment: environment)
        #expect(second.status == 0 && !second.signaled, "\(second)")
        #expect(second.standardError.isEmpty, "\(second)")
        #expect(second.standardOutput.split(separator: "\n").count == 1, "\(second)")
        #expect(second.standardOutput.hasPrefix("scrape: 5 blocks"), "\(second)")

        let idle = try scrape.run([], environment: environment)
        #expect(idle.status == 0 && !idle.signaled, "\(idle)")
        #expect(idle.standardError.isEmpty, "\(idle)")
        #expect(idle.standardOutput.split(separator: "\n").count == 1, "\(idle)")
        #expect(idle.standardOutput.hasPrefix("scrape: 0 blocks"), "\(idle)")
    }
}
