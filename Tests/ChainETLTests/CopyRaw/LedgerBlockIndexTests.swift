import ChainETL
import Foundation
import Logging
import SimNode
import TestSupport
import Testing

/// The ledger's block index is a BRIN index: it knows only the page ranges it has summarized, and a read by block
/// scans every page added since. copy-raw summarizes after each commit, never waits for a VACUUM to do it, and
/// never fails a run over it.
@Suite("copy-raw: the ledger's BRIN block index", .temporaryDatabase)
struct LedgerBlockIndexTests {
    /// Ranges left for the next summary (0: copy-raw summarized everything it added).
    private static func unsummarizedRanges(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT brin_summarize_new_values($1::regclass)", [LedgerBlockIndex.name])[0].int(0)
    }

    @Test("after a run of many commits every page is summarized, and reading the tip block reads a range or two")
    func readsOfABlockStayNarrow() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 11, initialBlocks: 200, transactionsPerBlock: 90))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let summary = try QuietCopyRaw.run(database: database) { $0.transactionsPerCommit = 1_500 }
        #expect(summary.blocksCopied == 201)

        let connection = try database.connect()
        #expect(try Self.unsummarizedRanges(connection) == 0)
        // Three ranges of 128 pages or more, so a read that used no summary would show.
        let pages = try connection.query(
            "SELECT (pg_relation_size('chain.address_movements') / 8192)::integer")[0].int(0)
        #expect(pages > 3 * 128, "the ledger has only \(pages) pages")

        try connection.executeScript("SET enable_seqscan = off")
        let plan = try connection.query("""
            EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
            SELECT count(*) FROM chain.address_movements WHERE block_height = 200
            """).map { try $0.string(0) }
        #expect(plan.contains { $0.contains("Bitmap Index Scan on address_movements_block_height_idx") },
                "\(plan.joined(separator: "\n"))")
        let heapBlocks = plan.compactMap { line -> Int? in
            guard let range = line.range(of: #"Heap Blocks: lossy=\d+"#, options: .regularExpression) else { return nil }
            return Int(line[range].split(separator: "=")[1])
        }
        #expect(heapBlocks.count == 1 && heapBlocks[0] <= 2 * 128, "\(plan.joined(separator: "\n"))")
    }

    @Test("a VACUUM holding the table makes copy-raw skip the summary, not wait or fail")
    func skipsWhileTheTableIsVacuumed() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 12, initialBlocks: 170, transactionsPerBlock: 60))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let connection = try database.connect()
        try MigrationRunner(connection: connection, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            .apply([CoreMigrations.track, ChainSchema.track])

        // VACUUM's lock, held by another session.
        let vacuum = try database.connect()
        try vacuum.executeScript("BEGIN; LOCK TABLE chain.address_movements IN SHARE UPDATE EXCLUSIVE MODE")
        let started = Date()
        #expect(try LedgerBlockIndex(connection: connection).summarizeNewRanges() == .tableBusy)
        #expect(Date().timeIntervalSince(started) < 2)

        // Blocks are copied meanwhile, in several commits; their pages wait for the next summary.
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database) { $0.transactionsPerCommit = 1_500 }
        try vacuum.executeScript("COMMIT")
        #expect(try connection.query("SELECT count(*) FROM chain.blocks")[0].int(0) == 171)
        let pages = try connection.query(
            "SELECT (pg_relation_size('chain.address_movements') / 8192)::integer")[0].int(0)
        // The index summarizes the first 128 pages when it is created and keeps that summary; the ranges after
        // it, the last one partly filled, are what copy-raw would have summarized.
        #expect(pages > 128)
        let unsummarized = try Self.unsummarizedRanges(connection)
        #expect(unsummarized == (pages - 1) / 128, "\(unsummarized) ranges unsummarized of \(pages) pages")
    }

    @Test("a role that does not own the ledger is told so, and nothing fails")
    func notPermittedForOtherRoles() throws {
        let database = try TestDatabase.current
        let owner = try database.connect()
        try MigrationRunner(connection: owner, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            .apply([CoreMigrations.track, ChainSchema.track])
        let role = "etl_test_writer_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try owner.executeScript("""
            CREATE ROLE \(role) LOGIN;
            GRANT USAGE ON SCHEMA chain TO \(role);
            GRANT INSERT, SELECT ON chain.address_movements TO \(role);
            """)
        defer { try? owner.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let writer = try PostgresConnection(
            connectionString: database.connectionString + " user=\(role)", applicationName: "chain-etl-tests",
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let outcome = try LedgerBlockIndex(connection: writer).summarizeNewRanges()
        guard case .notPermitted(let message) = outcome else {
            Issue.record("expected notPermitted, got \(outcome)")
            return
        }
        #expect(message.contains("owner"), "\(message)")
        // The connection is usable afterwards: the failed attempt rolled back its own transaction.
        #expect(try writer.query("SELECT count(*) FROM chain.address_movements")[0].int(0) == 0)
    }
}
