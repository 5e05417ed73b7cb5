import ChainETL
import Foundation
import SimNode
import TestSupport
import Testing

/// A database that drops copy-raw's connection mid-copy (network cut, server restart, idle timeout): the raw
/// reads are retried on a new connection; on the analytics side the run reconnects, takes its lock again and
/// continues from its cursor. Either way the result equals an undisturbed copy.
@Suite("copy-raw when a database drops the connection", .temporaryDatabase)
struct CopyRawConnectionLossTests {
    /// Scrapes a 700-block chain into a raw database of its own, copies it while sessions named `application`
    /// on the raw (or the analytics) side are terminated, and expects the chain tables to equal a clean scrape
    /// and copy. Returns the run's summary and how many sessions were terminated.
    private func copyWhileTerminating(
        seed: UInt64, _ application: String, onRawSide: Bool, statementPattern: String = "%", times: Int,
        pause: Double = 0.02
    ) throws -> (summary: CopyRawSummary, terminated: Int) {
        let node = SimNode(configuration: SimNodeConfiguration(seed: seed, initialBlocks: 700, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let raw = try TestDatabase.create()
        defer { try? raw.drop() }
        try QuietScrape.run(database: database, nodeURL: url, rawDatabase: raw)

        let terminator = SessionTerminator(
            database: onRawSide ? raw : database, applicationName: application, statementPattern: statementPattern,
            times: times, pause: pause)
        let summary = try QuietCopyRaw.run(database: database, rawDatabase: raw) { $0.transactionsPerCommit = 300 }
        let terminated = terminator.stop()

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        try QuietCopyRaw.run(database: clean)
        #expect(try ChainSnapshot.read(try database.connect()) == ChainSnapshot.read(try clean.connect()))
        return (summary, terminated)
    }

    @Test("the raw connection is terminated during the copy: the run completes and equals a clean copy")
    func rawConnectionDropped() throws {
        // Only its reads of landed blocks: the connect itself is not retried (a wrong URL fails at once).
        let (summary, terminated) = try copyWhileTerminating(
            seed: 21, "chain-etl copy-raw (raw)", onRawSide: true, statementPattern: "SELECT b.hash%", times: 3)
        #expect(terminated >= 1, "the watcher never caught a raw read in progress")
        #expect(summary.blocksCopied == 701)
    }

    @Test("the analytics connection is terminated during the copy: the run reconnects, completes and equals a clean copy")
    func analyticsConnectionDropped() throws {
        let (summary, terminated) = try copyWhileTerminating(
            seed: 22, "chain-etl copy-raw", onRawSide: false, statementPattern: "COPY%", times: 4, pause: 0.1)
        #expect(terminated >= 1, "the watcher never caught the copy in progress")
        // Blocks committed before each cut are counted once, in the summary and in the run's one row.
        #expect(summary.blocksCopied == 701)
        #expect(summary.firstHeight == 0 && summary.lastHeight == 700)
        let runs = try TestDatabase.current.connect().query("""
            SELECT status, rows_in, from_height, to_height FROM etl.job_runs WHERE tool = 'copy-raw'
            """).map { [try $0.string(0), "\(try $0.int64(1))", "\(try $0.int64(2))", "\(try $0.int64(3))"] }
        #expect(runs == [["success", "701", "0", "700"]])
    }

    @Test("--rebuild with its connection terminated: the tables are emptied once and rebuilt to a clean copy")
    func rebuildConnectionDropped() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 23, initialBlocks: 400, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        let before = try ChainSnapshot.read(try database.connect())

        let terminator = SessionTerminator(database: database, applicationName: "chain-etl copy-raw", statementPattern: "COPY%", times: 3, pause: 0.2)
        let summary = try QuietCopyRaw.run(database: database) {
            $0.rebuild = true
            $0.transactionsPerCommit = 300
        }
        #expect(terminator.stop() >= 1, "the watcher never caught the rebuild in progress")
        #expect(summary.blocksCopied == 401)
        #expect(try ChainSnapshot.read(try database.connect()) == before)
    }
}
