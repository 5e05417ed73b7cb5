import ChainETL
import Logging
import SimNode
import TestSupport
import Testing

/// Real node answers from 2018 (bitcoin-etl's recordings) replayed through a loopback fake node: old Core's
/// verbosity-2 shape, Bitcoin Cash's and Dogecoin's `getblock true` + `getrawtransaction` shape.
@Suite("scrape replays real node recordings", .temporaryDatabase)
struct ScrapeReplayTests {
    struct Case: Sendable, CustomStringConvertible {
        var folder: String
        /// Per block: 3 when the answer has every spent output (vacuously so for coinbase-only blocks), 2 when
        /// the node sent full transactions without them, 1 for `getblock true` + `getrawtransaction`.
        var formats: [Int]
        var transactions: [Int]
        var description: String { folder }
    }

    static let cases: [Case] = [
        Case(folder: "bitcoin-etl/bitcoin/block_0", formats: [3], transactions: [1]),
        Case(folder: "bitcoin-etl/bitcoin/block_1", formats: [3], transactions: [1]),
        Case(folder: "bitcoin-etl/bitcoin/block_without_transactions", formats: [3], transactions: [1]),
        Case(folder: "bitcoin-etl/bitcoin/block_with_transactions", formats: [2, 3], transactions: [3, 1]),
        Case(folder: "bitcoin-etl/bitcoin_cash/block_with_duplicate_txid", formats: [1], transactions: [1]),
        Case(folder: "bitcoin-etl/dogecoin/block_without_transactions", formats: [1], transactions: [1]),
    ]

    @Test("every recorded block lands with its hash chain", arguments: cases)
    func replay(_ recorded: Case) async throws {
        let node = try RecordedNode(folder: recorded.folder)
        let server = try LoopbackHTTPServer(handler: node)
        defer { server.stop() }
        let database = try TestDatabase.current
        let configuration = try TestConfiguration.make(
            database: database, nodeURL: "http://user:secret@127.0.0.1:\(server.port)")
        var options = ScrapeOptions()
        options.from = node.heights.first
        let summary = try ScrapeJob.run(
            configuration: configuration, options: options, logger: Logger(label: "test"),
            drawsProgress: false, printSummary: { _ in })
        #expect(summary.blocksLanded == node.heights.count)

        let connection = try database.connect()
        let rows = try connection.query("""
            SELECT height, hash, previous_hash, format, tx_count, in_best_chain FROM raw.blocks ORDER BY height
            """)
        #expect(rows.count == node.heights.count)
        var previous: String?
        for (index, row) in rows.enumerated() {
            let height = try row.int64(0)
            #expect(height == node.heights[index])
            let expectedHash = try RecordedNode.recordedHash(folder: recorded.folder, height: height)
            #expect(try row.string(1) == expectedHash)
            if let previous { #expect(try row.string(2) == previous) }
            previous = try row.string(1)
            #expect(try row.int(3) == recorded.formats[index])
            #expect(try row.int(4) == recorded.transactions[index])
            #expect(try row.bool(5))
        }
        let events = try connection.query("SELECT change, height FROM raw.chain_events ORDER BY sequence")
        #expect(try events.map { try $0.string(0) } == Array(repeating: "joined", count: node.heights.count))
        #expect(try events.map { try $0.int64(1) } == node.heights)

        // A second run finds nothing to do and changes nothing.
        let again = try ScrapeJob.run(
            configuration: configuration, options: ScrapeOptions(), logger: Logger(label: "test"),
            drawsProgress: false, printSummary: { _ in })
        #expect(again.blocksLanded == 0)
        #expect(try connection.query("SELECT count(*) FROM raw.chain_events")[0].int(0) == node.heights.count)
    }
}
