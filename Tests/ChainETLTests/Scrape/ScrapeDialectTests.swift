import ChainETL
import SimNode
import TestSupport
import Testing

/// Nodes of every generation scrape supports: Core 23+ (verbosity 3), Core 0.17–22 (verbosity 2, `addresses`
/// arrays) and nodes that only know `getblock <hash> true` (old Dogecoin, Bitcoin Cash).
@Suite("scrape speaks every node dialect", .temporaryDatabase)
struct ScrapeDialectTests {
    @Test("each dialect lands the whole chain in its format", arguments: [
        (RPCDialect.modern, [3]), (.legacy, [2, 3]), (.verboseOnly, [1]),
    ])
    func dialect(_ dialect: RPCDialect, formats: [Int]) throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 3, initialBlocks: 115, transactionsPerBlock: 4, dialect: dialect))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let stored = try LandingZoneSnapshot.read(database)
        #expect(stored.bestChain == (0...node.blockCount).map { node.blockHash(atHeight: $0)! })
        #expect(Set(stored.blocks.map(\.format)) == Set(formats))
        // Blocks that spend outputs carry them only where the node can send them.
        let spending = try database.connect().query("SELECT format FROM raw.blocks WHERE input_count > 0")
        #expect(!spending.isEmpty)
        #expect(try spending.allSatisfy { try $0.int(0) == formats.first! })
    }
}
