import ChainETL
import SimNode
import Testing
import TestSupport

/// The writer's set-based completion of a batch (input resolution, spent outputs, totals, ledger, supply) and
/// its exact undo, on hand-made chains whose every number is known.
@Suite("ChainWriter", .temporaryDatabase)
struct ChainWriterTests {
    private static let coin: Int64 = 100_000_000

    /// Genesis to Alice (never spendable), block 1 pays Bob 50 and an OP_RETURN 0, block 2 spends Bob's coin:
    /// 30 to Carol, 19 back to Bob, fee 1, which block 2's coinbase (50 + 1) pays to Dave.
    private static func threeBlocks(on connection: PostgresConnection) throws -> CraftedChain {
        var chain = try twoBlocks(on: connection)
        try mineThird(on: &chain)
        return chain
    }

    private static func twoBlocks(on connection: PostgresConnection) throws -> CraftedChain {
        var chain = try CraftedChain(connection: connection)
        try chain.mine(time: 1_000, coinbase: [CraftedPayment("Alice", 50 * coin)])
        try chain.mine(time: 1_600, coinbase: [CraftedPayment("Bob", 50 * coin), CraftedPayment(nil, 0, scriptType: "nulldata")])
        return chain
    }

    private static func mineThird(on chain: inout CraftedChain) throws {
        try chain.mine(time: 2_200, coinbase: [CraftedPayment("Dave", 51 * coin)], transfers: [
            CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)],
                            paying: [CraftedPayment("Carol", 30 * coin), CraftedPayment("Bob", 19 * coin)]),
        ])
    }

    @Test("an input is resolved to the output it spends, which is marked spent; totals and fee follow")
    func resolvesInputs() throws {
        let connection = try TestDatabase.current.connect()
        let chain = try Self.threeBlocks(on: connection)
        let input = try #require(try connection.query(
            "SELECT spent_txid, spent_n, address, value, spent_block_height, spent_tx_index FROM chain.inputs").first)
        #expect(try input.string(0) == chain.txid(height: 1, tx: 0))
        #expect(try input.int(1) == 0)
        #expect(try input.string(2) == "Bob")
        #expect(try input.int64(3) == 50 * Self.coin)
        #expect(try input.int64(4) == 1)
        #expect(try input.int(5) == 0)
        let spent = try connection.query(
            "SELECT block_height, n, spent_height FROM chain.outputs WHERE spent_height IS NOT NULL")
        #expect(spent.count == 1)
        #expect(try spent.first?.int64(0) == 1)
        #expect(try spent.first?.int64(2) == 2)
        let transfer = try #require(try connection.query(
            "SELECT input_count, input_value, output_value, fee FROM chain.transactions WHERE block_height = 2 AND tx_index = 1").first)
        #expect(try transfer.int(0) == 1)
        #expect(try transfer.int64(1) == 50 * Self.coin)
        #expect(try transfer.int64(2) == 49 * Self.coin)
        #expect(try transfer.int64(3) == Self.coin)
        let coinbase = try #require(try connection.query(
            "SELECT input_value, fee FROM chain.transactions WHERE block_height = 2 AND tx_index = 0").first)
        #expect(try coinbase.int64(0) == 0)
        #expect(try coinbase.int64(1) == 0)
    }

    @Test("the ledger has one row per transaction and address; change back to the sender nets out")
    func ledger() throws {
        let connection = try TestDatabase.current.connect()
        _ = try Self.threeBlocks(on: connection)
        let rows = try connection.query("""
            SELECT block_height, tx_index, address, received, sent, amount FROM chain.address_movements
            ORDER BY block_height, tx_index, address
            """)
        let ledger = try rows.map { "\(try $0.int64(0))/\(try $0.int(1)) \(try $0.string(2)) +\(try $0.int64(3)) -\(try $0.int64(4)) =\(try $0.int64(5))" }
        let c = Self.coin
        #expect(ledger == [
            "0/0 Alice +\(50 * c) -0 =\(50 * c)",
            "1/0 Bob +\(50 * c) -0 =\(50 * c)",
            "2/0 Dave +\(51 * c) -0 =\(51 * c)",
            "2/1 Bob +\(19 * c) -\(50 * c) =\(-31 * c)",
            "2/1 Carol +\(30 * c) -0 =\(30 * c)",
        ])
    }

    @Test("supply leaves out the genesis coinbase and OP_RETURN outputs, and follows spends")
    func supply() throws {
        let connection = try TestDatabase.current.connect()
        _ = try Self.threeBlocks(on: connection)
        let supply = try connection.query("SELECT supply FROM chain.blocks ORDER BY height").map { try $0.int64(0) }
        #expect(supply == [0, 50 * Self.coin, 100 * Self.coin])
        let unspent = try connection.query("""
            SELECT sum(value)::bigint FROM chain.outputs
            WHERE spent_height IS NULL AND block_height > 0 AND script_type <> 'nulldata'
            """)
        #expect(try unspent.first?.int64(0) == supply.last)
    }

    @Test("a block that leaves is undone exactly, its ledger rows kept under its 'left' change")
    func removal() throws {
        let connection = try TestDatabase.current.connect()
        var chain = try Self.twoBlocks(on: connection)
        let before = try Self.snapshot(connection, through: 1)
        try Self.mineThird(on: &chain)
        try chain.orphan(depth: 1)
        #expect(try Self.snapshot(connection, through: 1) == before)
        #expect(try connection.query("SELECT count(*) FROM chain.outputs WHERE spent_height IS NOT NULL").first?.int(0) == 0)
        for table in ["chain.transactions", "chain.outputs", "chain.inputs", "chain.address_movements"] {
            #expect(try connection.query("SELECT count(*) FROM \(table) WHERE block_height = 2").first?.int(0) == 0)
        }
        let changes = try connection.query("SELECT change, height FROM chain.block_changes ORDER BY sequence")
            .map { "\(try $0.string(0)) \(try $0.int64(1))" }
        #expect(changes == ["joined 0", "joined 1", "joined 2", "left 2"])
        let departed = try connection.query("""
            SELECT d.address, d.received, d.sent FROM chain.departed_movements d
            JOIN chain.block_changes c ON c.sequence = d.change_sequence
            WHERE c.change = 'left' ORDER BY d.tx_index, d.address
            """).map { "\(try $0.string(0)) \(try $0.int64(1)) \(try $0.int64(2))" }
        #expect(departed == ["Dave \(51 * Self.coin) 0", "Bob \(19 * Self.coin) \(50 * Self.coin)", "Carol \(30 * Self.coin) 0"])
        // The new branch can spend the same coin again.
        try chain.mine(time: 2_300, coinbase: [CraftedPayment("Erin", 50 * Self.coin)], transfers: [
            CraftedTransfer(spending: [CraftedOutpoint(height: 1, tx: 0, n: 0)], paying: [CraftedPayment("Frank", 50 * Self.coin)]),
        ])
        #expect(try connection.query("SELECT supply FROM chain.blocks WHERE height = 2").first?.int64(0) == 100 * Self.coin)
    }

    @Test("a block that does not extend the tip is refused: the tables and the change log would disagree")
    func refusesUnlinkedBlock() throws {
        let connection = try TestDatabase.current.connect()
        _ = try Self.threeBlocks(on: connection)
        let stray = BlockRows(
            block: BlockRow(height: 5, hash: String(repeating: "e", count: 64), previousHash: "x", time: 9_000,
                            size: nil, weight: nil, transactionCount: 0, difficulty: 1),
            transactions: [], outputs: [], inputs: [])
        #expect(throws: ChainTablesOutOfStepError.self) {
            try connection.transaction { connection in
                try ChainWriter(connection: connection).append([stray], rules: .none(parameters: Chain.bitcoin.parameters))
            }
        }
    }

    private static func snapshot(_ connection: PostgresConnection, through height: Int64) throws -> [String] {
        var lines: [String] = []
        for (table, order) in [
            ("chain.blocks", "height"), ("chain.transactions", "block_height, tx_index"),
            ("chain.outputs", "block_height, tx_index, n"), ("chain.address_movements", "block_height, tx_index, address"),
        ] {
            let key = table == "chain.blocks" ? "height" : "block_height"
            let rows = try connection.query(
                "SELECT row_to_json(t)::text FROM \(table) t WHERE \(key) <= $1 ORDER BY \(order)", [height])
            lines += try rows.map { try $0.string(0).replacingOccurrences(of: #""copied_at":"[^"]*","#, with: "", options: .regularExpression) }
        }
        return lines
    }
}

/// The ledger and the supply computed from fully resolved rows and the ones derived in SQL are the same.
@Suite("ChainWriter ledger and supply paths", .temporaryDatabase)
struct ChainWriterLedgerPathTests {
    @Test("verbosity-3 blocks give the same ledger and supply whether computed from the rows or in SQL")
    func ledgerPathsAgree() throws {
        let node = SimNode(configuration: SimNodeConfiguration(seed: 31, initialBlocks: 140, transactionsPerBlock: 12))
        let url = try node.start()
        defer { node.stop() }
        let database = try TestDatabase.current
        try QuietScrape.run(database: database, nodeURL: url)
        let blocks = try LandedRows.read(
            from: database.connect(), hashes: (0...node.blockCount).map { node.blockHash(atHeight: $0)! })
        #expect(blocks.allSatisfy { $0.isFullyResolved })
        var ledgers: [[String]] = []
        var blockRows: [[String]] = []
        let nodeSupply = try NodeInfo.totalAmount(nodeURL: url)
        for fromRows in [true, false] {
            let target = try TestDatabase.create()
            defer { try? target.drop() }
            let connection = try target.connect()
            _ = try CraftedChain(connection: connection)
            try connection.transaction { connection in
                try ChainWriter(connection: connection).append(
                    blocks, rules: .none(parameters: Chain.bitcoin.parameters), totalsFromRows: fromRows)
            }
            let tip = try connection.query("SELECT supply FROM chain.blocks ORDER BY height DESC LIMIT 1")
            #expect(try tip.first?.int64(0) == nodeSupply, "supply from rows: \(fromRows)")
            let snapshot = try ChainSnapshot.read(connection)
            ledgers.append(snapshot.tables["chain.address_movements"] ?? [])
            blockRows.append(snapshot.tables["chain.blocks"] ?? [])
        }
        #expect(ledgers[0].count > 1_000)
        #expect(ledgers[0] == ledgers[1])
        #expect(blockRows[0].count == node.blockCount + 1)
        #expect(blockRows[0] == blockRows[1])
    }
}
