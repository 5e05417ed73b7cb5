import ChainETL
import Foundation
import Testing
import TestSupport

/// The BIP30 pair 91722/91880 through scrape's landing zone and copy-raw: the real block 91722 (landed as
/// format 1, `getblock true` + `getrawtransaction`), crafted blocks up to 91879 (the last one holding the
/// output 91880 spends, with the recorded address and value), the real block 91880 (format 2), and a crafted
/// 91881 that spends the duplicated coinbase output.
@Suite("copy-raw keeps BIP30 duplicate coinbases apart", .temporaryDatabase)
struct DuplicateCoinbaseCopyTests {
    private static let coin: Int64 = 100_000_000
    private static let duplicateTxid = "e3bf3d07d4b0375638d5f1db5255fe07ba2c4cb067cd81b84ee974b6585fb468"

    @Test("two rows share the txid, the later one is spent and counted in supply, the earlier one drops out of it")
    func duplicateCoinbase() throws {
        let database = try TestDatabase.current
        let connection = try database.connect()
        try MigrationRunner(connection: connection, logger: connection.logger)
            .apply([CoreMigrations.track, LandingZoneSchema.track])
        let blocks = try Self.landChain(on: connection)

        // Bitcoin Cash, because the node that recorded 91722 wrote CashAddr; the legacy addresses of 91880 are
        // valid there too.
        let summary = try QuietCopyRaw.run(database: database, chain: .bitcoinCash)
        #expect(summary.blocksCopied == 160)

        let duplicates = try connection.query(
            "SELECT block_height, tx_index, is_coinbase FROM chain.transactions WHERE txid = $1 ORDER BY block_height",
            [Self.duplicateTxid]).map { "\(try $0.int64(0))/\(try $0.int(1)) \(try $0.bool(2))" }
        #expect(duplicates == ["91722/0 true", "91880/0 true"])

        // 91880 spends the crafted 91879's output with the recorded address and value; no fee.
        let spend = try #require(try connection.query("""
            SELECT spent_block_height, spent_tx_index, address, value FROM chain.inputs WHERE block_height = 91880
            """).first)
        #expect(try spend.int64(0) == 91_879 && spend.int(1) == 0)
        #expect(try spend.string(2) == "1HY6LE6Y4JKEXuedGboBGzX58QBacQ2vPp")
        #expect(try spend.int64(3) == 4_480_000_000)
        #expect(try connection.query("SELECT fee FROM chain.transactions WHERE block_height = 91880 AND tx_index = 1")
            .first?.int64(0) == 0)

        // A later spend of the duplicated output resolves to the later coinbase; the earlier stays unspent.
        let later = try #require(try connection.query(
            "SELECT spent_block_height FROM chain.inputs WHERE block_height = 91881").first)
        #expect(try later.int64(0) == 91_880)
        let spentHeights = try connection.query(
            "SELECT block_height, spent_height FROM chain.outputs WHERE txid = $1 ORDER BY block_height", [Self.duplicateTxid])
            .map { "\(try $0.int64(0)) \($0.isNull(1) ? "unspent" : String(try $0.int64(1)))" }
        #expect(spentHeights == ["91722 unspent", "91880 91881"])

        // Supply: 50 at 91722, +50 at 91879, unchanged at 91880 (its coinbase replaces 91722's, its transfer
        // moves coins), +50 at 91881 (a new coinbase; the transfer moves coins).
        let supply = try connection.query(
            "SELECT height, supply FROM chain.blocks WHERE height IN (91722, 91878, 91879, 91880, 91881) ORDER BY height")
            .map { try $0.int64(1) }
        #expect(supply == [50, 50, 100, 100, 150].map { $0 * Self.coin })
        // Σ unspent outputs counts both coinbases; supply counts only the later one.
        let unspent = try connection.query("""
            SELECT sum(value)::bigint FROM chain.outputs
            WHERE spent_height IS NULL AND block_height > 0 AND script_type <> 'nulldata'
            """).first?.int64(0)
        #expect(unspent == 200 * Self.coin)
        #expect(try connection.query("SELECT count(*) FROM etl.quarantine").first?.int(0) == 0)
        #expect(blocks.count == 160)
    }

    /// Lands 91722 … 91881 and returns them in order (hash by height).
    private static func landChain(on connection: PostgresConnection) throws -> [Int64: String] {
        var hashes: [Int64: String] = [:]
        // 91722, real, format 1.
        let folder = "bitcoin-etl/bitcoin_cash/block_with_duplicate_txid"
        let hash91722 = try RecordedNode.recordedHash(folder: folder, height: 91_722)
        let body91722 = String(decoding: try FixtureFiles.data("\(folder)/rpc_response_getblock_\(hash91722)_True.json"), as: UTF8.self)
        let transaction91722 = String(decoding: try FixtureFiles.data(
            "\(folder)/rpc_response_getrawtransaction_\(Self.duplicateTxid).json"), as: UTF8.self)
        try landRecorded(
            height: 91_722, hash: hash91722, previousHash: "00000000000a30044feb1a9010445c5b6d4cdc3f32ca747cff2525c32976ba42",
            time: 1_289_723_848, counts: (1, 0, 1), format: .txidsWithTransactions, body: body91722,
            transactions: "[" + transaction91722 + "]", on: connection)
        hashes[91_722] = hash91722

        // 91723 … 91878: coinbases paying nothing but an empty OP_RETURN, so supply does not move.
        var parent = hash91722
        for height in Int64(91_723)...91_878 {
            let block = CraftedLandedBlock(
                height: height, previousHash: parent, seed: "filler \(height)",
                transactions: [.coinbase("filler \(height)", paying: [CraftedLandedBlock.Output(nil, 0, scriptType: "nulldata")])])
            try block.land(on: connection)
            hashes[height] = block.hash
            parent = block.hash
        }

        // 91879: its coinbase has the txid of the transaction 91880 spends, paying output 1 as recorded.
        let recording = try ChainstorageRecording(height: 91_880)
        let spent = try #require(recording.spentOutputRecords.first)
        var holder = CraftedLandedBlock(
            height: 91_879, previousHash: parent, seed: "holder", transactions: [], format: .verbosity2)
        holder.hash = "000000000004099656bf4a3fda4db1b25630634afa2a201e975e4df9772df3f3"  // 91880's previous block
        holder.transactions = [CraftedLandedBlock.Transaction(
            txid: spent.reference.txid, inputs: [], outputs: [
                CraftedLandedBlock.Output(CraftedLandedBlock.address("holder change"), 50 * coin - spent.output.value),
                CraftedLandedBlock.Output(spent.output.address, spent.output.value, scriptType: spent.scriptType),
            ])]
        #expect(spent.reference.n == 1)
        try holder.land(on: connection)
        hashes[91_879] = holder.hash

        // 91880, real, format 2.
        let rows = try BlockRows(block: try recording.verboseBlock(format: .verbosity2), amounts: AmountRules())
        try landRecorded(
            height: 91_880, hash: rows.block.hash, previousHash: holder.hash, time: rows.block.time,
            counts: (rows.transactions.count, rows.inputs.count, rows.outputs.count), format: .verbosity2,
            body: recording.body, transactions: nil, on: connection)
        hashes[91_880] = rows.block.hash

        // 91881: spends output 0 of the duplicated coinbase txid (verbosity 2: resolved in SQL).
        let spender = CraftedLandedBlock(
            height: 91_881, previousHash: rows.block.hash, seed: "spender", transactions: [
                .coinbase("spender", paying: [CraftedLandedBlock.Output(CraftedLandedBlock.address("miner"), 50 * coin + 1_000)]),
                .transfer("spender", spending: [CraftedLandedBlock.Input(spending: OutputReference(txid: duplicateTxid, n: 0))],
                          paying: [CraftedLandedBlock.Output(CraftedLandedBlock.address("payee"), 50 * coin - 1_000)]),
            ], format: .verbosity2)
        try spender.land(on: connection)
        hashes[91_881] = spender.hash
        return hashes
    }

    /// Lands a recorded answer the way scrape stores it.
    private static func landRecorded(
        height: Int64, hash: String, previousHash: String, time: Int64, counts: (Int, Int, Int),
        format: LandedBlock.Format, body: String, transactions: String?, on connection: PostgresConnection
    ) throws {
        try connection.transaction { connection in
            try connection.execute("""
                INSERT INTO raw.blocks (hash, height, previous_hash, in_best_chain, time, tx_count, input_count,
                                        output_count, format, body, transactions)
                VALUES ($1, $2, $3, true, to_timestamp($4), $5, $6, $7, $8, $9, $10)
                """, [hash, height, previousHash, time, counts.0, counts.1, counts.2, Int(format.rawValue), body, transactions])
            try connection.execute(
                "INSERT INTO raw.chain_events (change, height, hash) VALUES ('joined', $1, $2)", [height, hash])
        }
    }
}
