import ChainETL
import Foundation
import SimNode
import Synchronization
import TestSupport
import Testing

/// Reorgs that scrape lands while copy-raw is running: copy-raw applies what it read, the next run applies the
/// rest, and the chain tables end equal to a clean copy of the final chain.
@Suite("copy-raw while scrape lands reorgs", .temporaryDatabase)
struct CopyRawConcurrentReorgTests {
    @Test("scrape follows reorgs while copy-raw runs: after a final run the tables equal a clean copy")
    func reorgsDuringRuns() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 41, initialBlocks: 300, transactionsPerBlock: 10))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)

        for round in 0..<4 {
            // copy-raw works through the backlog in small commits on another thread...
            let failure = Mutex<String?>(nil)
            let copier = Thread {
                do {
                    try QuietCopyRaw.run(database: database) { $0.transactionsPerCommit = 60 }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
            }
            copier.start()
            // ...while the node reorganises and scrape lands the change.
            Thread.sleep(forTimeInterval: 0.05)
            node.reorganize(depth: 3 + round, newLength: 5 + 2 * round)
            try QuietScrape.run(database: database, nodeURL: url)
            node.mine(20)
            try QuietScrape.run(database: database, nodeURL: url)
            while copier.isExecuting || !copier.isFinished { Thread.sleep(forTimeInterval: 0.01) }
            // The only acceptable failure is the lock held by nobody else: there is none, so none at all.
            #expect(failure.withLock { $0 } == nil)
        }
        try QuietCopyRaw.run(database: database)
        let connection = try database.connect()
        #expect(try connection.query("SELECT hash FROM chain.blocks ORDER BY height DESC LIMIT 1").first?.string(0)
                == node.blockHash(atHeight: node.blockCount))

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        try QuietCopyRaw.run(database: clean)
        #expect(try ChainSnapshot.read(connection) == ChainSnapshot.read(try clean.connect()))
        #expect(try NodeInfo.totalAmount(nodeURL: url)
                == connection.query("SELECT supply FROM chain.blocks ORDER BY height DESC LIMIT 1")[0].int64(0))
    }
}
