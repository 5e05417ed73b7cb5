import ChainETL
import SimNode
import TestSupport
import Testing

/// scrape + copy-raw against the simulated node: the chain tables agree with the node's own UTXO set and
/// balances, runs are idempotent, and reorgs leave exactly the new best chain.
@Suite("copy-raw against simnode", .temporaryDatabase)
struct CopyRawSimNodeTests {
    private func makeNode(blocks: Int, transactions: Int = 8, seed: UInt64 = 11) -> SimNode {
        SimNode(configuration: SimNodeConfiguration(seed: seed, initialBlocks: blocks, transactionsPerBlock: transactions))
    }

    /// Supply at the tip, Σ unspent outputs counted like the node, and per-address ledger sums.
    private static func check(_ connection: PostgresConnection, against node: SimNode, url: String) throws {
        let tip = try #require(try connection.query("SELECT height, hash, supply FROM chain.blocks ORDER BY height DESC LIMIT 1").first)
        #expect(try tip.int64(0) == Int64(node.blockCount))
        #expect(try tip.string(1) == node.blockHash(atHeight: node.blockCount))
        let nodeSupply = try NodeInfo.totalAmount(nodeURL: url)
        #expect(try tip.int64(2) == nodeSupply)
        let unspent = try connection.query("""
            SELECT coalesce(sum(value), 0)::bigint FROM chain.outputs
            WHERE spent_height IS NULL AND block_height > 0 AND script_type <> 'nulldata'
            """)
        #expect(try unspent.first?.int64(0) == nodeSupply)
        let ledger = try connection.query("""
            SELECT address, sum(amount)::bigint FROM chain.address_movements GROUP BY address HAVING sum(amount) <> 0
            """)
        var balances: [String: Int64] = [:]
        for row in ledger { balances[try row.string(0)] = try row.int64(1) }
        #expect(balances == node.unspentValueByAddress().filter { $0.value != 0 })
        // Every block's rows hang together.
        let mismatched = try connection.query("""
            SELECT b.height FROM chain.blocks b
            LEFT JOIN (SELECT block_height, count(*) AS n, sum(input_count) AS inputs, sum(output_count) AS outputs
                       FROM chain.transactions GROUP BY block_height) t ON t.block_height = b.height
            WHERE t.n IS DISTINCT FROM b.tx_count OR t.inputs IS DISTINCT FROM b.input_count
               OR t.outputs IS DISTINCT FROM b.output_count
            """)
        #expect(mismatched.isEmpty)
    }

    @Test("after scrape and copy-raw the chain tables match the node; a second run changes nothing")
    func matchesNode() throws {
        let node = makeNode(blocks: 260)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let first = try QuietCopyRaw.run(database: database)
        #expect(first.blocksCopied == 261)
        let connection = try database.connect()
        try Self.check(connection, against: node, url: url)
        try Self.expectNothingToCopyThenFollows(mining: 4, node: node, url: url, database: database)
    }

    /// A copy-raw run that copies nothing and changes nothing, then `count` new blocks scraped and copied,
    /// and the tables still matching the node.
    private static func expectNothingToCopyThenFollows(
        mining count: Int, node: SimNode, url: String, database: TestDatabase
    ) throws {
        let connection = try database.connect()
        let snapshot = try ChainSnapshot.read(connection)
        #expect(try QuietCopyRaw.run(database: database).blocksCopied == 0)
        #expect(try ChainSnapshot.read(connection) == snapshot)
        node.mine(count)
        try QuietScrape.run(database: database, nodeURL: url)
        #expect(try QuietCopyRaw.run(database: database).blocksCopied == count)
        try check(connection, against: node, url: url)
    }

    @Test("reorgs between runs: the chain tables equal a fresh copy of the new best chain",
          arguments: [(1, 2), (6, 6), (30, 12)])
    func reorgBetweenRuns(depth: Int, newLength: Int) throws {
        let node = makeNode(blocks: 180, transactions: 5)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)

        node.reorganize(depth: depth, newLength: newLength)
        try QuietScrape.run(database: database, nodeURL: url)
        let summary = try QuietCopyRaw.run(database: database)
        #expect(summary.blocksRemoved == depth)
        #expect(summary.blocksCopied == newLength)
        let connection = try database.connect()
        try Self.check(connection, against: node, url: url)

        let fresh = try TestDatabase.create()
        defer { try? fresh.drop() }
        try QuietScrape.run(database: fresh, nodeURL: url)
        try QuietCopyRaw.run(database: fresh)
        #expect(try ChainSnapshot.read(connection) == ChainSnapshot.read(try fresh.connect()))
    }

    @Test("a reorg scraped twice before copy-raw runs: blocks that joined and left in between are never copied")
    func reorgBeforeCopy() throws {
        let node = makeNode(blocks: 150, transactions: 4)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        node.mine(3)
        try QuietScrape.run(database: database, nodeURL: url)
        node.reorganize(depth: 5, newLength: 6)
        try QuietScrape.run(database: database, nodeURL: url)
        let summary = try QuietCopyRaw.run(database: database)
        // The 3 blocks mined after the copy joined and left before copy-raw saw them; the 2 below them left.
        #expect(summary.blocksRemoved == 2)
        #expect(summary.blocksCopied == 6)
        try Self.check(try database.connect(), against: node, url: url)
    }

    @Test("--rebuild re-derives the same tables from the landing zone and resets downstream cursors")
    func rebuild() throws {
        let node = makeNode(blocks: 140, transactions: 5)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        node.reorganize(depth: 3, newLength: 4)
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        let connection = try database.connect()
        try ConsumerCursor(consumer: "wallet-stats").advance(to: 99, on: connection)
        let before = try ChainSnapshot.read(connection)
        let summary = try QuietCopyRaw.run(database: database) { $0.rebuild = true }
        #expect(summary.blocksCopied == node.blockCount + 1)
        #expect(try ChainSnapshot.read(connection) == before)
        #expect(try ConsumerCursor(consumer: "wallet-stats").position(on: connection) == 0)
    }

    @Test("a raw database elsewhere: another database on the server, read over its own connection")
    func separateRawDatabase() throws {
        let node = makeNode(blocks: 130, transactions: 4)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        let raw = try TestDatabase.create()
        defer { try? raw.drop() }
        try QuietScrape.run(database: database, nodeURL: url, rawDatabase: raw)
        let summary = try QuietCopyRaw.run(database: database, rawDatabase: raw)
        #expect(summary.blocksCopied == 131)
        try Self.check(try database.connect(), against: node, url: url)
        #expect(try raw.connect().query("SELECT to_regclass('chain.blocks') IS NULL").first?.bool(0) == true)
    }

    @Test("a landed block deleted by hand after it was copied: scrape lands it again, copy-raw carries on")
    func gapFilledAfterCopy() throws {
        let node = makeNode(blocks: 60, transactions: 2, seed: 4)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        try QuietCopyRaw.run(database: database)
        let connection = try database.connect()
        try connection.execute("DELETE FROM raw.blocks WHERE height = 30")
        #expect(try QuietScrape.run(database: database, nodeURL: url).gapBlocksFilled == 1)
        // Its second 'joined' event changes nothing: the block is in the chain tables already.
        try Self.expectNothingToCopyThenFollows(mining: 2, node: node, url: url, database: database)
    }

    @Test("a landed block deleted by hand before it was copied: its two 'joined' events copy it once",
          arguments: [500, 1])
    func gapFilledBeforeCopy(blocksPerCommit: Int) throws {
        let node = makeNode(blocks: 60, transactions: 2, seed: 4)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let connection = try database.connect()
        try connection.execute("DELETE FROM raw.blocks WHERE height = 30")
        #expect(try QuietScrape.run(database: database, nodeURL: url).gapBlocksFilled == 1)
        let copied = try QuietCopyRaw.run(database: database) { $0.blocksPerCommit = blocksPerCommit }
        #expect(copied.blocksCopied == 61)
        try Self.check(connection, against: node, url: url)
        try Self.expectNothingToCopyThenFollows(mining: 2, node: node, url: url, database: database)
    }

    @Test("--prune-raw-older-than deletes copied blocks old enough, from the bottom up, never the reorg window")
    func prune() throws {
        let node = makeNode(blocks: 240, transactions: 3)
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let connection = try database.connect()
        let zone = LandingZone(connection: connection)
        func lowestLanded() throws -> Int64? { try connection.query("SELECT min(height) FROM raw.blocks").first?.int64(0) }
        // Everything landed long ago but block 60, re-scraped yesterday (after a quarantine, say).
        try connection.execute("UPDATE raw.blocks SET fetched_at = now() - interval '40 days' WHERE height <> 60")
        try connection.execute("UPDATE raw.blocks SET fetched_at = now() - interval '1 day' WHERE height = 60")
        let month: Int64 = 30 * 86_400
        // Block 60 holds back every block above it: the landing zone never gets a hole.
        let first = try QuietCopyRaw.run(database: database) { $0.pruneRawOlderThanSeconds = month }
        #expect(first.blocksCopied == 241)
        #expect(first.blocksPruned == 60)
        #expect(try lowestLanded() == 60)
        #expect(try zone.gaps().isEmpty)

        // Once it is old enough too, all go but the tip and the 100 blocks below it, however old those are.
        try connection.execute("UPDATE raw.blocks SET fetched_at = now() - interval '40 days' WHERE height = 60")
        #expect(try QuietCopyRaw.run(database: database) { $0.pruneRawOlderThanSeconds = month }.blocksPruned == 80)
        #expect(try lowestLanded() == 140)
        #expect(try zone.gaps().isEmpty)
        #expect(try connection.query("SELECT count(*) FROM chain.blocks").first?.int(0) == 241)

        // scrape still finds and undoes a reorg below the old tip, and copy-raw follows it.
        node.reorganize(depth: 5, newLength: 7)
        try QuietScrape.run(database: database, nodeURL: url)
        try connection.execute("UPDATE raw.blocks SET fetched_at = now() - interval '40 days'")
        let afterReorg = try QuietCopyRaw.run(database: database) { $0.pruneRawOlderThanSeconds = month }
        #expect(afterReorg.blocksRemoved == 5)
        #expect(afterReorg.blocksCopied == 7)
        // Heights 140 and 141, now more than 100 below the tip; the 5 blocks that left are within it and stay.
        #expect(afterReorg.blocksPruned == 2)
        #expect(try lowestLanded() == 142)
        #expect(try zone.gaps().isEmpty)
        try Self.check(connection, against: node, url: url)

        // A rebuild needs the pruned blocks: it is refused before anything is emptied.
        try ConsumerCursor(consumer: "wallet-stats").advance(to: 99, on: connection)
        let before = try ChainSnapshot.read(connection)
        let refusal = try #require(throws: RebuildUnavailableError.self) {
            try QuietCopyRaw.run(database: database) { $0.rebuild = true }
        }
        #expect(refusal.missingBlocks == 142)
        #expect(refusal.heights == 0...141)
        #expect(refusal.description.contains("nothing was changed"))
        #expect(try ChainSnapshot.read(connection) == before)
        #expect(try ConsumerCursor(consumer: "wallet-stats").position(on: connection) == 99)
    }
}
