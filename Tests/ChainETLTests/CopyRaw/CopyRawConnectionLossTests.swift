import ChainETL
import Foundation
import SimNode
import Synchronization
import TestSupport
import Testing

/// A remote raw database that drops copy-raw's connection mid-copy (network cut, server restart, idle timeout):
/// the reads are retried on a new connection and the result equals an undisturbed copy.
@Suite("copy-raw when the raw database drops the connection", .temporaryDatabase)
struct CopyRawConnectionLossTests {
    @Test("the raw connection is terminated during the copy: the run completes and equals a clean copy")
    func rawConnectionDropped() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 21, initialBlocks: 700, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let raw = try TestDatabase.create()
        defer { try? raw.drop() }
        try QuietScrape.run(database: database, nodeURL: url, rawDatabase: raw)

        // A watcher terminates copy-raw's raw session a few times while the copy runs.
        let terminated = Mutex(0)
        let done = Mutex(false)
        let watcher = Thread {
            guard let killer = try? raw.connect() else { return }
            while !done.withLock({ $0 }), terminated.withLock({ $0 }) < 3 {
                let rows = try? killer.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE application_name = 'chain-etl copy-raw (raw)' AND state = 'active'
                    """)
                if let rows, !rows.isEmpty { terminated.withLock { $0 += 1 } }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        watcher.start()
        let summary = try QuietCopyRaw.run(database: database, rawDatabase: raw) { $0.transactionsPerCommit = 300 }
        done.withLock { $0 = true }
        #expect(terminated.withLock { $0 } >= 1, "the watcher never caught a raw read in progress")
        #expect(summary.blocksCopied == 701)

        let clean = try TestDatabase.create()
        defer { try? clean.drop() }
        try QuietScrape.run(database: clean, nodeURL: url)
        try QuietCopyRaw.run(database: clean)
        #expect(try ChainSnapshot.read(try database.connect()) == ChainSnapshot.read(try clean.connect()))
    }
}
