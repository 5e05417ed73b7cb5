import ChainETL
import SimNode
import TestSupport
import Testing

/// The raw database drops scrape's session mid-run (server restart, network cut, idle timeout): the run
/// reconnects, takes its lock again and continues from what it committed, and lands what an undisturbed run does.
@Suite("scrape when the raw database drops the connection", .temporaryDatabase)
struct ScrapeConnectionLossTests {
    @Test("the session is terminated during the run: it reconnects, completes and equals a clean run")
    func sessionDropped() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 24, initialBlocks: 600, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current

        let terminator = SessionTerminator(database: database, applicationName: "chain-etl scrape", statementPattern: "%INSERT INTO raw.blocks%", times: 4, pause: 0.1)
        let summary = try QuietScrape.run(database: database, nodeURL: url)
        #expect(terminator.stop() >= 1, "the watcher never caught the run in progress")
        // Blocks committed before each cut are counted once, in the summary and in the run's one row.
        #expect(summary.blocksLanded == 601)
        let runs = try database.connect().query("SELECT status, rows_in FROM etl.job_runs WHERE tool = 'scrape'")
            .map { [try $0.string(0), "\(try $0.int64(1))"] }
        #expect(runs == [["success", "601"]])

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        let stored = try LandingZoneSnapshot.read(database)
        #expect(stored.bestChain == (0...node.blockCount).map { node.blockHash(atHeight: $0)! })
        #expect(stored == (try LandingZoneSnapshot.read(clean)))
    }
}
