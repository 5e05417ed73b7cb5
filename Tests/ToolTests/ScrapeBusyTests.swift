import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// SPEC.md, "One at a time": a second copy started while one runs says so, exits with the busy code (3) and
/// touches nothing, whether the lock is held by a session or by another real `scrape` process.
@Suite("scrape: one run at a time")
struct ScrapeBusyTests {
    private func nodeChain(_ node: SimNode) -> [String] {
        (0...node.blockCount).map { node.blockHash(atHeight: $0)! }
    }

    @Test("while another session holds the scrape lock: exit 3, one line about the lock, nothing changed", .temporaryDatabase)
    func busyWhileLockIsHeld() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 5, initialBlocks: 20, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ScrapeProcessHarness.environment(database: database, nodeURL: url)
        let first = try ScrapeProcessHarness.scrape.run([], environment: environment)
        try #require(first.status == 0, "\(first)")
        node.mine(4)
        let before = try LandingZoneSnapshot.read(database)

        let holder = try database.connect()
        let lock = try ToolLock.acquire(tool: "scrape", on: holder)
        let busy = try ScrapeProcessHarness.scrape.run([], environment: environment)
        #expect(busy.status == ExitStatus.busy.rawValue && !busy.signaled, "\(busy)")
        #expect(busy.standardError.hasPrefix("scrape: error: "))
        #expect(busy.standardError.contains("lock"))
        #expect(busy.standardError.split(separator: "\n").count == 1, "\(busy.standardError)")
        #expect(busy.standardOutput.isEmpty)
        #expect(try LandingZoneSnapshot.read(database) == before)
        #expect(try ScrapeProcessHarness.jobRuns(database).map(\.status) == ["success", "busy"])

        try lock.release(on: holder)
        let after = try ScrapeProcessHarness.scrape.run([], environment: environment)
        #expect(after.status == 0, "\(after)")
        #expect(try LandingZoneSnapshot.read(database).bestChain == nodeChain(node))
    }

    @Test("two scrape processes started together on a fresh database: one lands everything, the other exits 3",
          .temporaryDatabase)
    func twoProcessesRace() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 6, initialBlocks: 300, transactionsPerBlock: 2))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let environment = ScrapeProcessHarness.environment(database: database, nodeURL: url)
        let one = try ScrapeProcessHarness.scrape.start([], environment: environment)
        let other = try ScrapeProcessHarness.scrape.start([], environment: environment)
        let results = [one.wait(timeout: .seconds(300)), other.wait(timeout: .seconds(300))]
        #expect(results.map(\.status).sorted() == [0, ExitStatus.busy.rawValue], "\(results)")
        #expect(results.allSatisfy { !$0.signaled }, "\(results)")
        if let loser = results.first(where: { $0.status == ExitStatus.busy.rawValue }) {
            #expect(loser.standardError.contains("lock") && loser.standardOutput.isEmpty, "\(loser)")
        }
        let snapshot = try LandingZoneSnapshot.read(database)
        #expect(snapshot.bestChain == nodeChain(node))
        #expect(snapshot.events.map(\.height) == Array(0...Int64(node.blockCount)))
        #expect(try ScrapeProcessHarness.jobRuns(database).map(\.status).sorted() == ["busy", "success"])
    }
}
